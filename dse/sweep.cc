#include "dse/sweep.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <limits>
#include <map>
#include <set>
#include <thread>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/area_model.h"
#include "core/dsl/printer.h"
#include "core/engine/hardware_sweep.h"
#include "core/engine/network.h"
#include "core/threads.h"
#include "dse/pareto.h"
#include "mappings/library.h"
#include "pipeline/model_run.h"

namespace maestro::dse {
namespace {

using Clock = std::chrono::steady_clock;

// Points handed to a worker at a time (a Ctrl-C or progress check between).
constexpr int64_t kChunkPoints = 256;
// Notes list at most this many items of one kind.
constexpr size_t kMaxNotes = 5;

// The values of each field: the grid's axis, or the base hardware's value.
// Cost keys (pes x noc_bw x offchip_bw) need an evaluation each; the
// buffer combinations (l1 x l2) of a key reuse it.
struct Axes {
  std::vector<int64_t> pes, l1, l2, noc, off;
  int64_t buffers() const {
    return static_cast<int64_t>(l1.size() * l2.size());
  }
  int64_t keys() const {
    return static_cast<int64_t>(pes.size() * noc.size() * off.size());
  }
};

Axes MakeAxes(const SweepGrid& g, const Hardware& base, BufferPolicy b) {
  GridValues v = GridValuesOf(g, base);
  Axes a{std::move(v.pes), std::move(v.l1), std::move(v.l2),
         std::move(v.noc_bw), std::move(v.offchip_bw)};
  // Under fit the l1 / l2 values are limits, 0 = none (BufferCapsOf).
  if (b == BufferPolicy::kFit && g.Find("l1") == nullptr) a.l1 = {0};
  if (b == BufferPolicy::kFit && g.Find("l2") == nullptr) a.l2 = {0};
  return a;
}

std::string LayerMessage(const JobLayer& jl, absl::string_view message) {
  return absl::StrCat(NodeOf(jl), ": ", BriefError(message));
}

// What every worker reads.
struct Shared {
  const DseProblem& problem;
  const DseOptions& options;
  const NetworkPlan& plan;
  Axes axes;
  int64_t key_begin = 0, key_end = 0;  // the cost keys run
  std::atomic<double> best_objective{std::numeric_limits<double>::infinity()};
};

// One thread's sweeps, scratch figures and results. No allocation per
// point: the hardware and the per-layer figures are reused.
class Worker {
 public:
  explicit Worker(Shared& s)
      : s_(s),
        hw_(s.problem.base),
        sweeps_(s.plan.first_of.size()),
        layer_(s.plan.first_of.size()),
        fallback_(s.plan.first_of.size(), 0),
        ranked_(s.options.objective, static_cast<size_t>(std::max<int64_t>(
                                         s.options.keep_ranked, 1))),
        best_any_(s.options.objective, 1) {}

  // Cost keys [begin, end).
  void Run(int64_t begin, int64_t end) {
    for (int64_t k = begin; k < end; ++k) RunKey(k);
  }

  int64_t evaluated = 0, valid = 0, not_costed = 0, over_buffers = 0,
          over_constraints = 0;
  std::vector<GroupFailure> failures;
  const std::vector<char>& fallback() const { return fallback_; }
  const TopK& ranked() const { return ranked_; }
  const TopK& best_any() const { return best_any_; }
  const ParetoArchive& front() const { return front_; }

 private:
  struct LayerFigures {
    int64_t runtime = 0;
    double energy = 0;
    int64_t l1_req = 0, l2_req = 0;
  };

  void PrepareGroup(int64_t g) {
    group_ = g;
    group_ok_ = true;
    hw_.num_pes = s_.axes.pes[g];
    const NetworkPlan& p = s_.plan;
    for (size_t u = 0; u < p.first_of.size(); ++u) {
      const JobLayer& jl = s_.problem.layers[p.first_of[u]];
      absl::StatusOr<ResolvedMapping> rm =
          ResolveDataflow(*p.block[u], jl.layer, hw_);
      absl::Status st = rm.status();
      if (st.ok()) {
        absl::StatusOr<engine::MappingValue> mv = MappingValueOf(*rm);
        st = mv.ok() ? sweeps_[u].Prepare(p.prepared[u], *mv, hw_,
                                          s_.options.analysis)
                     : mv.status();
      }
      if (!st.ok()) {
        failures.push_back({g, LayerMessage(jl, st.message())});
        group_ok_ = false;
        return;
      }
    }
  }

  // The network's figures at the worker's hardware; false when a layer
  // failed (noted with the PE count).
  bool CostLayers(DesignFigures& f) {
    const bool exact = s_.options.analysis.semantics == Semantics::kExact;
    engine::Figures ef;
    for (size_t u = 0; u < sweeps_.size(); ++u) {
      absl::Status st = sweeps_[u].Evaluate(hw_, ef);
      if (!st.ok()) {  // noted once per PE count
        const JobLayer& jl = s_.problem.layers[s_.plan.first_of[u]];
        if (failures.empty() || failures.back().group != group_) {
          failures.push_back({group_, LayerMessage(jl, st.message())});
        }
        return false;
      }
      layer_[u] = {ef.runtime_cycles, ef.energy_pj, ef.l1_size_req,
                   ef.l2_size_req};
      if (exact && !ef.loop_nest) fallback_[u] = 1;
    }
    // In layer order, as the main job's totals (core/engine ComputeTotals).
    f = DesignFigures();
    const std::vector<JobLayer>& layers = s_.problem.layers;
    for (size_t i = 0; i < layers.size(); ++i) {
      const int u = s_.plan.unique_of[i];
      if (u < 0) continue;
      const LayerFigures& lf = layer_[u];
      AddLayerFigures(f, lf.runtime, lf.energy, lf.l1_req, lf.l2_req,
                      layers[i].layer.repeat);
    }
    return true;
  }

  // The design at the worker's hardware, its needs within `caps`.
  DesignPoint Score(const DesignFigures& costed, const BufferCaps& caps) {
    DesignPoint p;
    p.fig = costed;
    ScoreDesign(hw_, caps, s_.options.constraints, p.fig);
    p.hw = PointOf(hw_);
    return p;
  }

  // Counts one grid point.
  void Count(const DesignFigures& f) {
    if (f.feasible) {
      ++valid;
    } else {
      ++(f.fits ? over_constraints : over_buffers);
    }
  }

  // A design into the ranking, the front and the best so far.
  void Offer(const DesignPoint& p) {
    best_any_.Offer(p);
    if (!p.fig.feasible) return;
    ranked_.Offer(p);
    front_.Insert(p);
    const double v = DseObjectiveValue(s_.options.objective, p.fig);
    double cur = s_.best_objective.load(std::memory_order_relaxed);
    while (v < cur && !s_.best_objective.compare_exchange_weak(cur, v)) {
    }
  }

  // Under fit every (l1, l2) limit pair of a cost key is a grid point, all
  // with one design (the fitted buffers): each counted, the design offered
  // once, scored under the loosest limits (valid there if anywhere).
  void OfferFit(const DesignFigures& f) {
    const Axes& a = s_.axes;
    FitBuffers(BufferPolicy::kFit, f, hw_);
    for (int64_t l1 : a.l1) {
      for (int64_t l2 : a.l2) {
        DesignPoint p = Score(f, {l1, l2});
        Count(p.fig);
        if (l1 == a.l1.back() && l2 == a.l2.back()) Offer(p);
      }
    }
  }

  void RunKey(int64_t k) {
    const Axes& a = s_.axes;
    const int64_t per_pes = static_cast<int64_t>(a.noc.size() * a.off.size());
    const int64_t g = k / per_pes;
    if (g != group_) PrepareGroup(g);
    evaluated += a.buffers();
    if (!group_ok_) {
      not_costed += a.buffers();
      return;
    }
    hw_.noc_bw = a.noc[(k % per_pes) / static_cast<int64_t>(a.off.size())];
    hw_.offchip_bw = a.off[k % static_cast<int64_t>(a.off.size())];
    DesignFigures f;
    if (!CostLayers(f)) {  // this key only (no other worker's state)
      not_costed += a.buffers();
      return;
    }
    if (s_.options.buffers == BufferPolicy::kFit) {
      OfferFit(f);
      return;
    }
    for (int64_t l1 : a.l1) {
      hw_.l1_size = l1;
      for (int64_t l2 : a.l2) {
        hw_.l2_size = l2;
        const DesignPoint p = Score(f, {l1, l2});
        Count(p.fig);
        Offer(p);
      }
    }
  }

  Shared& s_;
  Hardware hw_;
  std::vector<engine::HardwareSweep> sweeps_;
  std::vector<LayerFigures> layer_;
  std::vector<char> fallback_;
  int64_t group_ = -1;
  bool group_ok_ = false;
  TopK ranked_, best_any_;
  ParetoArchive front_;
};

// The notes' inputs (SweepNoteFacts) but the failures and fallback flags:
// layers left out (PARTIAL), the PE counts, the unique layers' names.
SweepNoteFacts PlanFacts(const DseProblem& problem, const NetworkPlan& plan,
                         const Axes& axes) {
  SweepNoteFacts f;
  int64_t skipped = 0;
  std::string first;
  for (size_t i = 0; i < plan.skipped.size(); ++i) {
    if (plan.skipped[i].empty()) continue;
    if (skipped++ == 0) first = plan.skipped[i];
  }
  if (skipped > 0) {
    f.plan_notes.push_back(absl::StrFormat(
        "PARTIAL: %d of %d layers not costed under %s; every design's "
        "figures leave them out (first: %s)",
        skipped, plan.skipped.size(), plan.dataflow->name, first));
  }
  if (!problem.uncosted.empty()) {
    f.plan_notes.push_back(
        absl::StrCat("PARTIAL: ", UncostedSummary(problem.uncosted),
                     "; every design's figures leave "
                     "them out"));
  }
  f.pes = axes.pes;
  f.points_per_pes =
      static_cast<int64_t>(axes.noc.size() * axes.off.size()) * axes.buffers();
  for (size_t i : plan.first_of)
    f.unique_nodes.push_back(NodeOf(problem.layers[i]));
  f.fallback.assign(plan.first_of.size(), 0);
  return f;
}

// Runs the workers over every cost key; the main thread is worker 0 and
// reports progress.
void RunWorkers(Shared& s, std::vector<Worker>& workers, bool& stopped,
                Clock::time_point start) {
  const int64_t keys = s.key_end;
  const int64_t budget = (s.key_end - s.key_begin) * s.axes.buffers();
  const int64_t chunk = std::max<int64_t>(
      1, kChunkPoints / std::max<int64_t>(s.axes.buffers(), 1));
  std::atomic<int64_t> next{s.key_begin}, done{0}, valid{0};
  std::atomic<bool> stop_seen{false};
  const DseOptions& o = s.options;
  auto last = Clock::now();
  auto loop = [&](Worker& w, bool main) {
    for (;;) {
      if (o.stop != nullptr && o.stop->load()) {
        stop_seen = true;
        return;
      }
      const int64_t b = next.fetch_add(chunk);
      if (b >= keys) return;
      const int64_t e0 = w.evaluated, v0 = w.valid;
      w.Run(b, std::min(b + chunk, keys));
      done += w.evaluated - e0;
      valid += w.valid - v0;
      if (!main || !o.on_progress) continue;
      const auto now = Clock::now();
      if (now - last < std::chrono::milliseconds(100)) continue;
      last = now;
      o.on_progress({done.load(), budget, valid.load(), s.best_objective.load(),
                     std::chrono::duration<double>(now - start).count()});
    }
  };
  std::vector<std::thread> pool;
  for (size_t k = 1; k < workers.size(); ++k) {
    pool.emplace_back([&, k] { loop(workers[k], false); });
  }
  loop(workers[0], true);
  for (std::thread& t : pool) t.join();
  stopped = stop_seen.load();
  if (o.on_progress) {
    o.on_progress(
        {done.load(), budget, valid.load(), s.best_objective.load(),
         std::chrono::duration<double>(Clock::now() - start).count()});
  }
}

// Merges the workers' results in worker order into r (counts, ranking,
// front, best, notes); every merge is a set function (pareto.h), so the
// result does not depend on which worker saw which point. False when no
// point was costed.
bool MergeWorkers(const Shared& s, const std::vector<Worker>& workers,
                  DseResult& r, SweepNoteFacts& facts) {
  const DseOptions& o = s.options;
  TopK ranked(o.objective,
              static_cast<size_t>(std::max<int64_t>(o.keep_ranked, 1)));
  TopK best_any(o.objective, 1);
  ParetoArchive front;
  facts = PlanFacts(s.problem, s.plan, s.axes);
  std::vector<GroupFailure>& failures = facts.failures;
  std::vector<char>& fallback = facts.fallback;
  for (const Worker& w : workers) {
    r.points_evaluated += w.evaluated;
    r.points_valid += w.valid;
    r.points_not_costed += w.not_costed;
    r.points_over_buffers += w.over_buffers;
    r.points_over_constraints += w.over_constraints;
    ranked.Merge(w.ranked());
    best_any.Merge(w.best_any());
    front.Merge(w.front());
    failures.insert(failures.end(), w.failures.begin(), w.failures.end());
    for (size_t u = 0; u < fallback.size(); ++u) fallback[u] |= w.fallback()[u];
  }
  NormaliseFailures(failures);
  r.ranked = ranked.points();
  r.pareto = front.Sorted();
  r.found = !r.ranked.empty();
  if (!best_any.points().empty()) r.best = best_any.points().front();
  r.notes = SweepNotesOf(facts);
  return !best_any.points().empty();
}

// The dataflow the plan names: problem.dataflow from the library, or under
// --dataflow own a file without blocks named "own" (each layer's block is
// in problem.own).
absl::StatusOr<DataflowLibraryFile> PlanDataflow(const DseProblem& problem) {
  if (problem.dataflow != kOwnDataflow) return LoadDseDataflow(problem);
  DataflowLibraryFile f;
  f.name = std::string(kOwnDataflow);
  f.description =
      absl::StrCat("each layer's own Dataflow block in ", problem.name, ".m");
  return f;
}

// Under --dataflow own, per layer whether its tensors hold the batch dim
// N, as `eval` reads the file (TensorBatchFlags: under maestro semantics
// from the first layer of its type); empty otherwise (each layer's own N).
std::vector<bool> OwnBatchFlags(const DseProblem& problem,
                                Semantics semantics) {
  if (problem.dataflow != kOwnDataflow) return {};
  MappingFile f;
  for (const JobLayer& jl : problem.layers) {
    f.layers.push_back(MappedLayer{jl.layer, Dataflow(), false});
  }
  return TensorBatchFlags(f, semantics);
}

// Layer i's block: its own (--dataflow own) or the dataflow's for its type.
absl::StatusOr<const Dataflow*> BlockOf(const DseProblem& problem,
                                        const NetworkPlan& p, size_t i) {
  const JobLayer& jl = problem.layers[i];
  if (problem.dataflow != kOwnDataflow) {
    return DataflowForLayer(*p.dataflow, jl.layer, jl.role);
  }
  if (i < problem.own.size() && problem.own[i]) return &*problem.own[i];
  return absl::InvalidArgumentError(
      "no Dataflow block in the file (nor in a layer before it); expected "
      "one, --dataflow own costs each layer under its own block");
}

}  // namespace

absl::StatusOr<engine::MappingValue> MappingValueOf(const ResolvedMapping& m) {
  engine::MappingValue v;
  if (m.levels.empty() ||
      m.levels.size() > static_cast<size_t>(engine::kMaxMappingLevels)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the mapping has ", m.levels.size(),
                     " cluster levels; the sweep's engine path takes 1..",
                     engine::kMaxMappingLevels));
  }
  v.num_levels = static_cast<int>(m.levels.size());
  for (size_t l = 0; l < m.levels.size(); ++l) {
    const ClusterLevel& cl = m.levels[l];
    if (cl.maps.size() > static_cast<size_t>(engine::kMaxLevelMaps)) {
      return absl::InvalidArgumentError(
          absl::StrCat("cluster level ", l, " has ", cl.maps.size(),
                       " maps; the sweep's engine path takes at most ",
                       engine::kMaxLevelMaps));
    }
    v.levels[l].num_units = cl.num_units;
    for (const Map& x : cl.maps) v.levels[l].Add(x);
  }
  return v;
}

absl::StatusOr<DataflowLibraryFile> LoadDseDataflow(const DseProblem& problem) {
  absl::StatusOr<const DataflowLibrary*> lib = DataflowLibrary::Builtin();
  if (!lib.ok()) return lib.status();
  absl::StatusOr<std::vector<DataflowLibraryFile>> sel =
      (*lib)->Select(problem.dataflow);
  if (!sel.ok()) return sel.status();
  if (sel->size() != 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--dataflow '", problem.dataflow, "' names ", sel->size(),
        " dataflows; expected one (every design is costed under one "
        "dataflow; run one dse per dataflow)"));
  }
  return std::move((*sel)[0]);
}

absl::StatusOr<NetworkPlan> PlanDseNetwork(const DseProblem& problem,
                                           const AnalysisOptions& analysis) {
  absl::StatusOr<DataflowLibraryFile> df = PlanDataflow(problem);
  if (!df.ok()) return df.status();
  NetworkPlan p;
  p.dataflow = std::make_shared<const DataflowLibraryFile>(*std::move(df));
  const size_t n = problem.layers.size();
  p.unique_of.assign(n, -1);
  p.skipped.assign(n, "");
  // The main job's analysis identity: type, strides, dims and block (and
  // under own the batch flag of the tensors, -1: the layer's own N).
  const std::vector<bool> batch = OwnBatchFlags(problem, analysis.semantics);
  using Key = std::tuple<int, int64_t, int64_t, std::array<int64_t, kNumDims>,
                         const Dataflow*, int>;
  std::map<Key, int> seen;  // -1: the layer does not prepare
  std::map<Key, std::string> refused;
  for (size_t i = 0; i < n; ++i) {
    const JobLayer& jl = problem.layers[i];
    absl::StatusOr<const Dataflow*> df = BlockOf(problem, p, i);
    if (!df.ok()) {
      p.skipped[i] = LayerMessage(jl, df.status().message());
      continue;
    }
    AnalysisOptions la = analysis;
    if (i < batch.size()) la.tensors_have_batch = batch[i];
    const Key key{static_cast<int>(jl.layer.type),
                  jl.layer.stride_y,
                  jl.layer.stride_x,
                  jl.layer.dims,
                  *df,
                  la.tensors_have_batch ? int{*la.tensors_have_batch} : -1};
    auto [it, fresh] =
        seen.try_emplace(key, static_cast<int>(p.first_of.size()));
    if (fresh) {
      absl::StatusOr<engine::PreparedLayer> pl =
          engine::PrepareLayer(jl.layer, la);
      if (!pl.ok()) {
        it->second = -1;
        refused[key] = LayerMessage(jl, pl.status().message());
      } else {
        p.first_of.push_back(i);
        p.block.push_back(*df);
        p.prepared.push_back(*std::move(pl));
      }
    }
    if (it->second < 0) {
      p.skipped[i] = refused[key];
      continue;
    }
    p.unique_of[i] = it->second;
  }
  if (p.first_of.empty()) {
    std::string first;
    for (const std::string& s : p.skipped) {
      if (!s.empty() && first.empty()) first = s;
    }
    return absl::InvalidArgumentError(
        absl::StrCat("no layer of ", problem.name, " is costed under ",
                     p.dataflow->name, " (first: ", first,
                     "); expected a dataflow with a block for its layers"));
  }
  return p;
}

absl::Status CheckSweepInput(const DseProblem& problem, const DseOptions& o) {
  if (o.grid.size() == 0) {
    return absl::InvalidArgumentError(
        "--sweep: an empty grid, no design point to evaluate; expected "
        "e.g. pes=64:1024:64,noc_bw=8:256:8");
  }
  const bool fit = o.buffers == BufferPolicy::kFit;
  const Axes a = MakeAxes(o.grid, problem.base, o.buffers);
  HardwarePoint smallest{a.pes.front(), fit ? kFitL1Granule : a.l1.front(),
                         fit ? kFitL2Granule : a.l2.front(), a.noc.front(),
                         a.off.front()};
  const Hardware h = ApplyPoint(problem.base, smallest);
  const AreaEstimate e =
      EstimateArea(h, MakeAreaModel(h.area_model), BufferSizes::Configured(h));
  const std::string where = absl::StrFormat(
      "the grid's smallest design (pes=%d, l1_size=%d, l2_size=%d, "
      "noc_bw=%d)%s",
      smallest.pes, smallest.l1_size, smallest.l2_size, smallest.noc_bw,
      fit ? ", buffers at one fit granule" : "");
  if (o.constraints.area_um2 && *o.constraints.area_um2 < e.total_um2) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "--constraint area<=%g: no design can meet it: %s already has "
        "%.6g um^2 under the %s area model; expected a cap of at least that",
        *o.constraints.area_um2, where, e.total_um2,
        AreaModelName(h.area_model)));
  }
  if (o.constraints.power_mw && e.static_power_mw > 0 &&
      *o.constraints.power_mw < e.static_power_mw) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "--constraint power<=%g: no design can meet it: %s already has a "
        "module power of %.6g mW under the %s area model; expected a cap of "
        "at least that",
        *o.constraints.power_mw, where, e.static_power_mw,
        AreaModelName(h.area_model)));
  }
  return absl::OkStatus();
}

void NormaliseFailures(std::vector<GroupFailure>& failures) {
  std::sort(failures.begin(), failures.end(),
            [](const GroupFailure& a, const GroupFailure& b) {
              return std::tie(a.group, a.message) <
                     std::tie(b.group, b.message);
            });
  failures.erase(std::unique(failures.begin(), failures.end(),
                             [](const GroupFailure& a, const GroupFailure& b) {
                               return a.group == b.group;
                             }),
                 failures.end());
}

std::vector<std::string> SweepNotesOf(const SweepNoteFacts& f) {
  std::vector<std::string> notes = f.plan_notes;
  for (size_t j = 0; j < f.failures.size() && j < kMaxNotes; ++j) {
    notes.push_back(absl::StrFormat(
        "INVALID: the %d points with %d PEs: %s", f.points_per_pes,
        f.pes.at(f.failures[j].group), f.failures[j].message));
  }
  if (f.failures.size() > kMaxNotes) {
    notes.push_back(absl::StrFormat("INVALID: and %d more PE counts",
                                    f.failures.size() - kMaxNotes));
  }
  int64_t approx = 0;
  std::string first_approx;
  for (size_t u = 0; u < f.fallback.size(); ++u) {
    if (!f.fallback[u]) continue;
    if (approx++ == 0) first_approx = f.unique_nodes.at(u);
  }
  if (approx > 0) {
    notes.push_back(absl::StrFormat(
        "APPROXIMATE: %d unique layers are outside the exact loop-nest "
        "analysis at some points (MAESTRO's case rules with the exact "
        "corrections; docs/cost-model.md), first: %s",
        approx, first_approx));
  }
  return notes;
}

int64_t SweepKeyCount(const DseProblem& problem, const DseOptions& options) {
  return MakeAxes(options.grid, problem.base, options.buffers).keys();
}

absl::StatusOr<DseResult> RunSweep(const DseProblem& problem,
                                   const DseOptions& options) {
  return RunSweepKeys(problem, options, 0, SweepKeyCount(problem, options),
                      nullptr);
}

absl::StatusOr<DseResult> RunSweepKeys(const DseProblem& problem,
                                       const DseOptions& options,
                                       int64_t key_begin, int64_t key_end,
                                       SweepNoteFacts* facts) {
  const auto start = Clock::now();
  if (absl::Status s = CheckSweepInput(problem, options); !s.ok()) return s;
  absl::StatusOr<NetworkPlan> plan = PlanDseNetwork(problem, options.analysis);
  if (!plan.ok()) return plan.status();
  Shared shared{problem, options, *plan,
                MakeAxes(options.grid, problem.base, options.buffers)};
  shared.key_begin = std::clamp<int64_t>(key_begin, 0, shared.axes.keys());
  shared.key_end =
      std::clamp<int64_t>(key_end, shared.key_begin, shared.axes.keys());
  int threads = ResolveThreads(options.threads);
  threads = static_cast<int>(std::clamp<int64_t>(
      threads, 1, std::max<int64_t>(shared.key_end - shared.key_begin, 1)));
  std::vector<Worker> workers;
  workers.reserve(threads);
  for (int k = 0; k < threads; ++k) workers.emplace_back(shared);
  DseResult r;
  RunWorkers(shared, workers, r.stopped_early, start);
  SweepNoteFacts own_facts;
  const bool any =
      MergeWorkers(shared, workers, r, facts != nullptr ? *facts : own_facts);
  r.partial = !problem.uncosted.empty() ||
              std::any_of(plan->skipped.begin(), plan->skipped.end(),
                          [](const std::string& s) { return !s.empty(); });
  if (any) {
    absl::StatusOr<std::string> m =
        BestMappingsText(problem, *plan, options, r.best);
    if (m.ok()) {
      r.best_mappings = *m;
    } else {
      r.notes.push_back(
          absl::StrCat("best.m not written: ", m.status().message()));
    }
  }
  r.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  r.designs_per_s = r.wall_s > 0 ? r.points_evaluated / r.wall_s : 0;
  return r;
}

absl::StatusOr<std::string> BestMappingsText(const DseProblem& problem,
                                             const NetworkPlan& plan,
                                             const DseOptions& options,
                                             const DesignPoint& best) {
  MappingFile f;
  f.network_name = problem.name;
  // MAESTRO has no repeat: a layer repeated n times is written n times
  // (NAME_r0, ...), as `maestro-onnx export` does.
  std::set<std::string> used;
  for (size_t i = 0; i < problem.layers.size(); ++i) {
    const int u = plan.unique_of[i];
    if (u < 0) continue;
    const Layer& l = problem.layers[i].layer;
    for (int64_t r = 0; r < l.repeat; ++r) {
      MappedLayer ml{l, *plan.block[u], false};
      ml.layer.repeat = 1;
      std::string base = l.repeat > 1 ? absl::StrCat(l.name, "_r", r) : l.name;
      ml.layer.name = base;
      for (int k = 2; !used.insert(ml.layer.name).second; ++k) {
        ml.layer.name = absl::StrCat(base, "_", k);
      }
      f.layers.push_back(std::move(ml));
    }
  }
  PrintOptions po;
  po.evaluate_expressions = true;
  absl::StatusOr<std::string> body = PrintMappingFileChecked(f, po);
  if (!body.ok()) return body.status();
  return absl::StrFormat(
      "// maestro-onnx dse: strategy %s, dataflow %s, objective %s, buffers "
      "%s, semantics %s\n// best design: pes=%d l1_size=%d l2_size=%d "
      "noc_bw=%d offchip_bw=%d (its hardware: best-hw.m, best-hw.json)\n%s",
      DseStrategyName(options.strategy), DataflowLabel(problem),
      DseObjectiveName(options.objective),
      options.buffers == BufferPolicy::kFit ? "fit" : "fixed",
      SemanticsName(options.analysis.semantics), best.hw.pes, best.hw.l1_size,
      best.hw.l2_size, best.hw.noc_bw, best.hw.offchip_bw, *body);
}

}  // namespace maestro::dse
