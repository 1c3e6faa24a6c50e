#include "search/search.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "core/report/result_table.h"
#include "search/fill.h"
#include "search/gamma_compat.h"
#include "search/marvel.h"
#include "search/operators.h"
#include "search/rng.h"

namespace maestro::search {

absl::string_view StrategyName(Strategy s) {
  switch (s) {
    case Strategy::kRandom:
      return "random";
    case Strategy::kExhaustive:
      return "exhaustive";
    case Strategy::kGammaCompat:
      return "gamma-compat";
    case Strategy::kMarvel:
      return "marvel";
    default:
      return "gamma";
  }
}

std::optional<Strategy> ParseStrategy(absl::string_view t) {
  if (t == "gamma") return Strategy::kGamma;
  if (t == "random") return Strategy::kRandom;
  if (t == "exhaustive") return Strategy::kExhaustive;
  if (t == "gamma-compat") return Strategy::kGammaCompat;
  if (t == "marvel") return Strategy::kMarvel;
  return std::nullopt;
}

absl::string_view StrategyChoices() {
  return "gamma, gamma-compat, marvel, random or exhaustive";
}

bool ValidMarvelCap(double cap) {
  return cap >= 1 && cap <= 1e18 && cap == std::floor(cap);
}

absl::StatusOr<Budget> ParseBudget(absl::string_view text) {
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--budget '", text, "': ", why,
        "; expected evals=N, time=T (seconds, e.g. 2s or 500ms) or stall=K, "
        "with N, T, K > 0"));
  };
  const size_t eq = text.find('=');
  if (eq == absl::string_view::npos) return bad("no '='");
  const absl::string_view kind = text.substr(0, eq);
  absl::string_view value = text.substr(eq + 1);
  Budget b;
  double scale = 1;
  if (kind == "evals") {
    b.kind = BudgetKind::kEvals;
  } else if (kind == "stall") {
    b.kind = BudgetKind::kStall;
  } else if (kind == "time") {
    b.kind = BudgetKind::kTime;
    if (absl::ConsumeSuffix(&value, "ms")) {
      scale = 1e-3;
    } else {
      absl::ConsumeSuffix(&value, "s");
    }
  } else {
    return bad(absl::StrCat("unknown budget kind '", kind, "'"));
  }
  double v = 0;
  if (!absl::SimpleAtod(value, &v) || !std::isfinite(v)) {
    return bad(absl::StrCat("'", value, "' is not a number"));
  }
  if (v <= 0) return bad("the budget is not positive");
  if (b.kind != BudgetKind::kTime && v != std::floor(v)) {
    return bad("a count must be a whole number");
  }
  b.value = v * scale;
  return b;
}

std::string BudgetText(const Budget& b) {
  switch (b.kind) {
    case BudgetKind::kTime:
      return absl::StrCat("time=", b.value, "s");
    case BudgetKind::kStall:
      return absl::StrFormat("stall=%.0f", b.value);
    default:
      return absl::StrFormat("evals=%.0f", b.value);
  }
}

std::vector<Metric> FrontMetrics(const SearchOptions& o) {
  if (o.objective_spec.pareto()) {
    std::vector<Metric> m;
    for (const auto& [metric, w] : o.objective_spec.terms) m.push_back(metric);
    return m;
  }
  if (o.objective_spec.kind == ObjectiveSpec::Kind::kBasic &&
      o.objective == Objective::kEdp) {
    return {Metric::kLatency, Metric::kEnergy};
  }
  return {};
}

uint64_t LayerKey(const Layer& layer) {
  uint64_t h = Mix64(static_cast<uint64_t>(layer.type) + 1);
  for (int64_t d : layer.dims) h = Mix64(h ^ static_cast<uint64_t>(d));
  h = Mix64(h ^ static_cast<uint64_t>(layer.stride_y));
  return Mix64(h ^ static_cast<uint64_t>(layer.stride_x));
}

namespace {

using Clock = std::chrono::steady_clock;

constexpr int64_t kRampStart = 8;    // gamma's first population
constexpr int kFillAssignments = 4;  // gamma's PE-filling seeds (fill.h)

// Whether a is better than b on standing and objective (keys ignored).
bool Improves(const Metrics& a, const Metrics& b) {
  return MetricsLess(a, 0, b, 0);
}

class Run {
 public:
  Run(const SearchSpace& space, LayerRole role, const Hardware& hw,
      const SearchOptions& o)
      : space_(space),
        role_(role),
        o_(o),
        ev_(space, hw, o.analysis, o.objective),
        layer_key_(LayerKey(space.layer)),
        start_(Clock::now()),
        front_metrics_(FrontMetrics(o)),
        archive_(static_cast<int>(front_metrics_.size())) {
    ev_.set_constraints(o.constraints);
    ev_.set_fit_buffers(o.fit_buffers);
    if (o.objective_spec.kind != ObjectiveSpec::Kind::kBasic) {
      ev_.set_rerank(
          [this](Metrics& m) { ApplyObjective(o_.objective_spec, refs_, m); });
    }
    out_.layer = space.layer;
    out_.macs = ev_.macs();
    out_.lower_bound_cycles = ev_.lower_bound();
  }

  absl::StatusOr<LayerSearch> Go() {
    out_.space = CountSpaceAllLevels(space_);
    if (o_.strategy == Strategy::kExhaustive &&
        out_.space.canonical > o_.max_space) {
      return absl::InvalidArgumentError(absl::StrCat(
          "exhaustive search of layer '", space_.layer.name,
          "': its canonical space holds ", FormatCount(out_.space.canonical),
          " mappings, above --max-space ", FormatCount(o_.max_space),
          "; expected a smaller space (--levels, --tiles divisors) or "
          "--strategy gamma|random"));
    }
    std::vector<Genome> seeds = Library();
    SetHvReference();
    seeds.push_back(AllOnesGenome(space_));
    if (o_.flex.active()) {
      if (!flex_base_) {
        out_.note = absl::StrCat(
            "--flex ", o_.flex.Text(), ": ", o_.flex.dataflow,
            " has no exact genome on this layer (or does not apply); not "
            "searched, the library result is shown");
        Finish();
        return std::move(out_);
      }
      seeds = {*flex_base_};
    }
    switch (o_.strategy) {
      case Strategy::kExhaustive:
        Exhaustive(seeds);
        break;
      case Strategy::kRandom:
        RandomSearch(seeds);
        break;
      case Strategy::kGammaCompat:
        GammaCompat();
        break;
      case Strategy::kMarvel:
        Marvel(seeds);
        break;
      default:
        Gamma(seeds);
    }
    Finish();
    if (flex_base_) FlexNote();
    return std::move(out_);
  }

 private:
  // Evaluates every applicable library dataflow; returns the genomes that
  // reproduce them (seeds).
  std::vector<Genome> Library() {
    std::vector<Genome> seeds;
    absl::StatusOr<const DataflowLibrary*> lib = DataflowLibrary::Builtin();
    if (!lib.ok()) return seeds;
    for (const DataflowLibraryFile& f : (*lib)->entries()) {
      AddEntry(f.name, DataflowForLayer(f, space_.layer, role_), false, seeds);
    }
    for (const Dataflow& df : o_.own_dataflows) {
      AddEntry("own", &df, true, seeds);
    }
    SetObjectiveRefs();
    for (const LibraryEntry& e : out_.library) {
      if (e.own || !e.status.ok() || e.metrics.standing != Standing::kFeasible)
        continue;
      if (library_best_runtime_ == 0 ||
          e.metrics.runtime_cycles < library_best_runtime_) {
        library_best_runtime_ = e.metrics.runtime_cycles;
      }
    }
    return seeds;
  }

  // Weighted objectives: the best feasible library value of each metric,
  // then the library entries ranked again against them.
  void SetObjectiveRefs() {
    for (const LibraryEntry& e : out_.library) {
      if (!e.status.ok() || e.metrics.standing != Standing::kFeasible) continue;
      const double t = static_cast<double>(e.metrics.runtime_cycles);
      const double en = e.metrics.energy_pj;
      auto low = [](double& r, double v) { r = r == 0 ? v : std::min(r, v); };
      low(refs_.latency, t);
      low(refs_.energy, en);
      low(refs_.edp, t * en);
      low(refs_.area, e.metrics.area_um2);
      low(refs_.power, e.metrics.power_mw);
    }
    for (LibraryEntry& e : out_.library) {
      if (e.status.ok()) ApplyObjective(o_.objective_spec, refs_, e.metrics);
    }
  }

  // Evaluates one library dataflow (or, own, a Dataflow block of the
  // target file); its genome, when it has one, becomes a seed.
  void AddEntry(const std::string& name, absl::StatusOr<const Dataflow*> df,
                bool own, std::vector<Genome>& seeds) {
    LibraryEntry e;
    e.dataflow = name;
    e.own = own;
    absl::StatusOr<ResolvedMapping> rm =
        df.ok() ? ResolveDataflow(**df, space_.layer, ev_.hardware())
                : absl::StatusOr<ResolvedMapping>(df.status());
    if (!rm.ok()) {
      e.status = rm.status();
      out_.library.push_back(std::move(e));
      return;
    }
    e.block = **df;
    e.metrics = ev_.Judge(
        AnalyzeLayer(space_.layer, *rm, ev_.hardware(), ev_.options()));
    ev_.mutable_stats().candidates += 1;
    e.eval_index = ev_.stats().candidates;
    ev_.mutable_stats().engine_evals += 1;
    Count(e.metrics);
    std::optional<Genome> g = FromResolved(space_, *rm);
    Offer(e.metrics, g ? CanonicalKey(space_, *g) : 0, g ? &*g : nullptr,
          static_cast<int>(out_.library.size()));
    if (g) {
      const Metrics gm = ev_.EvaluateUncached(*g);
      ev_.mutable_stats().engine_evals += 1;  // the exactness check
      e.exact_genome = gm.runtime_cycles == e.metrics.runtime_cycles &&
                       gm.energy_pj == e.metrics.energy_pj &&
                       gm.l1_size_req == e.metrics.l1_size_req &&
                       gm.l2_size_req == e.metrics.l2_size_req &&
                       gm.standing == e.metrics.standing;
      seeds.push_back(*g);
      if (e.exact_genome && !own && name == o_.flex.dataflow) flex_base_ = *g;
      if (e.exact_genome) {
        seed_source_[CanonicalKey(space_, *g)] =
            own ? "file" : absl::StrCat("library:", name);
      }
    }
    out_.library.push_back(std::move(e));
  }

  // Pareto: 2 x the objectives of the best library dataflow (the same
  // ranking as the winner's).
  void SetHvReference() {
    if (!o_.objective_spec.pareto()) return;
    const LibraryEntry* best = nullptr;
    for (const LibraryEntry& e : out_.library) {
      if (e.own || !e.status.ok() || e.metrics.standing != Standing::kFeasible)
        continue;
      if (best == nullptr || Improves(e.metrics, best->metrics)) best = &e;
    }
    if (best == nullptr) return;
    Objectives ref = ObjectivesOf(best->metrics);
    for (double& v : ref) v *= 2;
    out_.hv_reference = ref;
  }

  Objectives ObjectivesOf(const Metrics& m) const {
    Objectives f{};
    for (size_t i = 0; i < front_metrics_.size(); ++i) {
      f[i] = MetricValue(front_metrics_[i], m);
    }
    return f;
  }

  // A feasible candidate (library entry `library` >= 0, else a genome) into
  // the front archive.
  void Offer(const Metrics& m, uint64_t key, const Genome* g, int library) {
    if (front_metrics_.empty() || m.standing != Standing::kFeasible) return;
    const ParetoPoint p{ObjectivesOf(m), key,
                        static_cast<int64_t>(front_store_.size())};
    if (!archive_.Offer(p)) return;
    front_changed_ = true;
    front_store_.push_back(
        {m, g ? std::optional<Genome>(*g) : std::nullopt, library, key});
  }

  // The archive's hypervolume as a fraction of the reference box.
  double HvFraction() const {
    if (!out_.hv_reference) return -1;
    std::vector<Objectives> f;
    for (const ParetoPoint& p : archive_.points()) f.push_back(p.f);
    const int n = archive_.objectives();
    double box = 1;
    for (int i = 0; i < n; ++i) box *= (*out_.hv_reference)[i];
    return box > 0 ? Hypervolume(f, n, *out_.hv_reference) / box : -1;
  }

  void Count(const Metrics& m) {
    switch (m.standing) {
      case Standing::kFeasible:
        ++out_.feasible;
        break;
      case Standing::kOverBuffer:
        ++out_.over_buffer;
        break;
      case Standing::kRefused:
        ++out_.refused;
        break;
      default:
        ++out_.errors;
    }
  }

  double Elapsed() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }

  // How many candidates the next batch may hold (0 = stop).
  int64_t Room(int64_t want) {
    if (o_.stop && o_.stop->load()) {
      out_.stopped_early = true;
      return 0;
    }
    const int64_t done = ev_.stats().candidates;
    switch (Budget b = EffectiveBudget(); b.kind) {
      case BudgetKind::kEvals:
        return std::max<int64_t>(0, std::min<int64_t>(want, b.value - done));
      case BudgetKind::kTime:
        return Elapsed() >=
                       std::min(b.value, share_.on ? share_.deadline : b.value)
                   ? 0
                   : want;
      case BudgetKind::kStall: {
        const int64_t since = share_.on
                                  ? std::max(last_improvement_, share_.begin)
                                  : last_improvement_;
        return done - since >= b.value ? 0 : want;
      }
    }
    return 0;
  }

  // Under a time or stall budget Marvel's Phase B gives each kept candidate
  // its own limit (the budget's own rule would end Phase B inside the first
  // candidates): an equal part of the time left, or `stall` evaluations
  // without a better mapping since the candidate began. Room applies it
  // (under stall in place of the budget's rule).
  struct ShareLimit {
    bool on = false;
    double deadline = 0;  // seconds since the start (time budget)
    int64_t begin = 0;    // evaluations when the candidate began (stall)
  };

  Budget EffectiveBudget() const {
    if (o_.strategy == Strategy::kExhaustive && !o_.budget_given) {
      return {BudgetKind::kEvals, 4e18};
    }
    return o_.budget;
  }

  // Evaluates a batch (keyed: its keys are set) and updates the best, counts
  // and convergence log.
  void Evaluate(std::vector<Candidate>& batch, bool keyed = false) {
    const int64_t before = ev_.stats().candidates;
    ev_.EvaluateBatch(batch, o_.threads, keyed);
    if (o_.on_evaluated) o_.on_evaluated(batch);
    for (size_t i = 0; i < batch.size(); ++i) {
      const Candidate& c = batch[i];
      Count(c.metrics);
      Offer(c.metrics, c.key, &c.genome, -1);
      if (!have_best_ || Improves(c.metrics, best_.metrics)) {
        if (!have_best_ || c.metrics.standing != best_.metrics.standing ||
            c.metrics.primary != best_.metrics.primary) {
          primary_improvement_ = before + static_cast<int64_t>(i) + 1;
        }
        best_ = c;
        have_best_ = true;
        last_improvement_ = before + static_cast<int64_t>(i) + 1;
      }
    }
    ConvergencePoint p;
    p.evals = ev_.stats().candidates;
    p.generation = out_.generations;
    p.best_runtime = best_.metrics.runtime_cycles;
    p.best_energy = best_.metrics.energy_pj;
    p.valid_pct = p.evals ? 100.0 * out_.feasible / p.evals : 0;
    p.elapsed_s = Elapsed();
    if (front_changed_) last_hv_ = HvFraction();
    front_changed_ = false;
    p.hypervolume = last_hv_;
    out_.convergence.push_back(p);
    if (o_.on_batch) {
      const Budget b = EffectiveBudget();
      o_.on_batch({p.evals,
                   b.kind == BudgetKind::kEvals && b.value < 4e18
                       ? static_cast<int64_t>(b.value)
                       : 0,
                   p.best_runtime, p.best_energy, library_best_runtime_,
                   p.valid_pct, p.elapsed_s});
    }
  }

  std::vector<Candidate> Wrap(const std::vector<Genome>& gs, int64_t room) {
    std::vector<Candidate> batch;
    for (const Genome& g : gs) {
      if (static_cast<int64_t>(batch.size()) >= room) break;
      batch.push_back({g, 0, {}});
    }
    return batch;
  }

  void RandomSearch(const std::vector<Genome>& seeds) {
    std::vector<Candidate> batch = Wrap(seeds, Room(seeds.size()));
    Evaluate(batch);
    for (int64_t gen = 1;; ++gen) {
      const int64_t room = Room(o_.population);
      if (room == 0) break;
      batch.assign(room, {});
      for (int64_t k = 0; k < room; ++k) {
        Rng rng = Rng::For(o_.seed, layer_key_, gen, k, Op::kRandom);
        const int levels = static_cast<int>(rng.Uniform(1, space_.max_levels));
        batch[k].genome = RandomGenome(space_, levels, rng);
        Fix(batch[k].genome);
      }
      out_.generations = gen;
      Evaluate(batch);
    }
  }

  void Exhaustive(const std::vector<Genome>& seeds) {
    std::vector<Candidate> batch = Wrap(seeds, Room(seeds.size()));
    Evaluate(batch);
    batch.clear();
    constexpr int64_t kBatch = 4096;
    bool complete = true;
    for (int l = 1; l <= space_.max_levels && complete; ++l) {
      complete = EnumerateGenomes(space_, l, false, [&](const Genome& g) {
        if (Room(1) == 0) return false;
        batch.push_back({g, 0, {}});
        if (static_cast<int64_t>(batch.size()) >=
            std::min(kBatch, Room(kBatch))) {
          ++out_.generations;
          Evaluate(batch);
          batch.clear();
        }
        return true;
      });
    }
    if (!batch.empty()) Evaluate(batch);
    if (!complete) {
      out_.note = absl::StrCat("exhaustive: stopped by the budget after ",
                               ev_.stats().candidates, " candidates of ",
                               FormatCount(out_.space.canonical));
    }
  }

  // GAMMA's loop (elite kept, parents from the top 40 %). Ours, with
  // rates.ramp: the population starts at kRampStart and grows 1.5x per
  // generation up to P, so selection starts after a few evaluations instead
  // of after P blind ones.
  void Gamma(const std::vector<Genome>& seeds) {
    const int64_t P = std::max(o_.population, 4);
    int64_t size = o_.rates.ramp ? std::min<int64_t>(P, kRampStart) : P;
    std::vector<Genome> init = seeds;
    // The PE-filling seeds aim at compute time: only when latency ranks
    // first (latency, throughput, lex:latency,...).
    if (o_.rates.fill_seeds && !flex_base_ &&
        o_.objective == Objective::kLatency &&
        o_.objective_spec.kind != ObjectiveSpec::Kind::kWeighted) {
      for (const Genome& g :
           FillSeeds(space_, kFillAssignments,
                     o_.analysis.semantics == Semantics::kExact)) {
        init.push_back(g);
      }
    }
    for (int64_t k = 0; static_cast<int64_t>(init.size()) < size; ++k) {
      Rng rng = Rng::For(o_.seed, layer_key_, 0, k, Op::kInit);
      const int levels = static_cast<int>(rng.Uniform(1, space_.max_levels));
      init.push_back(RandomGenome(space_, levels, rng));
      Fix(init.back());
    }
    std::vector<Candidate> pop = Wrap(init, Room(init.size()));
    Evaluate(pop);
    Rank(pop, size);
    Breeding b;
    b.rates = o_.rates;
    b.fix = [this](Genome& g) {
      Fix(g);
      return true;
    };
    b.immigrant = [this](uint64_t gen, int64_t slot, int64_t attempt) {
      return std::optional<Genome>(Immigrant(gen, slot, attempt));
    };
    Evolve(pop, size, P, b, std::numeric_limits<int64_t>::max());
  }

  // How Evolve breeds: the offspring operators' rates, the repair that
  // brings an offspring into the searched space (false: it is outside, the
  // slot draws again) and a slot's immigrant (nullopt: none, the slot stays
  // empty). Every stream is keyed by (stream << 32 | generation) in the
  // generation field: gamma's stream is 0, marvel's the kept candidate + 1.
  struct Breeding {
    uint64_t stream = 0;
    GammaRates rates;
    std::function<bool(Genome&)> fix;
    std::function<std::optional<Genome>(uint64_t gen, int64_t slot,
                                        int64_t attempt)>
        immigrant;
  };

  // GAMMA's generations from a ranked population of `size` (ours: size grows
  // 1.5x per generation up to P): elite 5 %, parents from the top 40 %,
  // offspring by Breed, at most `limit` candidates in all.
  void Evolve(std::vector<Candidate>& pop, int64_t size, int64_t P,
              const Breeding& b, int64_t limit) {
    for (uint64_t gen = 1;; ++gen) {
      size = std::min<int64_t>(P, (size * 3 + 1) / 2);
      const int64_t elite = std::max<int64_t>(1, (size * 5 + 99) / 100);
      const int64_t room = Room(std::min(size - elite, limit));
      if (room == 0) break;
      limit -= room;
      const bool none_valid =
          pop.empty() || pop[0].metrics.standing == Standing::kError;
      const int64_t parents = std::max<int64_t>(
          1, std::min<int64_t>(pop.size(), (pop.size() * 40 + 99) / 100));
      std::vector<Candidate> kids(room);
      Breed(pop, parents, (b.stream << 32) | gen, none_valid, b, kids);
      ++out_.generations;
      if (!kids.empty()) Evaluate(kids, /*keyed=*/true);
      std::vector<Candidate> next(
          pop.begin(), pop.begin() + std::min<int64_t>(elite, pop.size()));
      next.insert(next.end(), kids.begin(), kids.end());
      Rank(next, size);
      pop.swap(next);
    }
  }

  // GAMMA v2 exactly (gamma_compat.h): two all-ones individuals and random
  // ones of 2 levels, fitness -inf for anything not feasible (ties in slot
  // order), duplicates dropped, elite 5 %, parents uniform from the top
  // 40 %, re-initialised when no parent is valid. The library dataflows are
  // evaluated (above) but do not enter the population.
  void GammaCompat() {
    struct Member {
      CompatGenome g;
      Candidate c;
    };
    const int64_t P = std::max(o_.population, 4);
    const int levels = std::min(2, space_.max_levels);
    auto random = [&](int64_t gen, int64_t k) {
      return CompatRandom(space_, levels,
                          {o_.seed, layer_key_, static_cast<uint64_t>(gen),
                           static_cast<uint64_t>(k)});
    };
    auto evaluate = [&](std::vector<Member>& ms) {
      std::vector<Candidate> batch;
      for (const Member& m : ms)
        batch.push_back({ToGenome(space_, m.g), 0, {}});
      Evaluate(batch);
      for (size_t i = 0; i < ms.size(); ++i) ms[i].c = batch[i];
    };
    auto select = [&](std::vector<Member>& ms) {
      std::stable_sort(
          ms.begin(), ms.end(), [](const Member& a, const Member& b) {
            const bool fa = a.c.metrics.standing == Standing::kFeasible;
            const bool fb = b.c.metrics.standing == Standing::kFeasible;
            if (fa != fb) return fa;
            return fa && (a.c.metrics.primary != b.c.metrics.primary
                              ? a.c.metrics.primary < b.c.metrics.primary
                              : a.c.metrics.secondary < b.c.metrics.secondary);
          });
      absl::flat_hash_set<uint64_t> seen;
      std::vector<Member> kept;
      for (Member& m : ms) {
        if (seen.insert(m.c.key).second) kept.push_back(std::move(m));
      }
      if (static_cast<int64_t>(kept.size()) > P) kept.resize(P);
      ms.swap(kept);
    };
    std::vector<Member> pop;
    const int64_t first = Room(P);
    for (int64_t k = 0; k < first; ++k) {
      pop.push_back({k < 2 ? CompatAllOnes(space_, levels) : random(0, k), {}});
    }
    evaluate(pop);
    select(pop);
    const int64_t elite = std::max<int64_t>(1, (P * 5 + 99) / 100);
    for (int64_t gen = 1;; ++gen) {
      const int64_t room = Room(P - elite);
      if (room == 0) break;
      const bool none_valid =
          pop.empty() || pop[0].c.metrics.standing != Standing::kFeasible;
      const int64_t parents = std::max<int64_t>(
          1, std::min<int64_t>(pop.size(), (pop.size() * 40 + 99) / 100));
      std::vector<Member> kids(room);
      for (int64_t k = 0; k < room; ++k) {
        if (none_valid) {
          kids[k].g = random(gen, k);
          continue;
        }
        Rng sel = Rng::For(o_.seed, layer_key_, gen, k, Op::kSelect);
        const CompatGenome& a = pop[sel.Uniform(0, parents - 1)].g;
        const CompatGenome& b = pop[sel.Uniform(0, parents - 1)].g;
        kids[k].g =
            CompatOffspring(space_, a, b,
                            {o_.seed, layer_key_, static_cast<uint64_t>(gen),
                             static_cast<uint64_t>(k)});
      }
      out_.generations = gen;
      evaluate(kids);
      std::vector<Member> next(
          pop.begin(), pop.begin() + std::min<int64_t>(elite, pop.size()));
      next.insert(next.end(), kids.begin(), kids.end());
      select(next);
      pop.swap(next);
    }
  }

  // Marvel (marvel.h): Phase A keeps the kMarvelKeep lowest-traffic
  // off-chip candidates; Phase B maps each one on chip with an equal share
  // of the remaining budget: its whole subspace when that holds at most
  // --marvel-cap points and fits the share, else a GA over it (PhaseBGa;
  // or, marvel_uniform, uniform draws from it). Pruned: orders repeating a
  // loads class, L1 overflow, PE utilisation below half the best seen,
  // canonical duplicates.
  void Marvel(const std::vector<Genome>& seeds) {
    std::vector<Candidate> seeded = Wrap(seeds, Room(seeds.size()));
    Evaluate(seeded);
    PhaseASize za;
    const std::vector<OffchipCandidate> keep = PhaseA(
        space_, ev_.hardware().l2_size, kMarvelKeep, &za, o_.marvel_layout);
    MarvelSummary& m = out_.marvel.emplace();
    m.offchip = za;
    m.kept = static_cast<int>(keep.size());
    for (const OffchipCandidate& c : keep) m.onchip += PhaseBSize(space_, c);
    m.layout_mode = o_.marvel_layout;
    if (!keep.empty()) {
      m.best_layout = TensorLayouts(space_, keep[0].tiles, keep[0].layout);
    }
    for (const OffchipCandidate& c : keep) {
      m.kept_not_row_major +=
          c.layout != RowMajorLayout(MarvelTensors(space_, c.tiles));
    }
    out_.note = PhaseANote(m);
    MarvelWalk w;
    int whole = 0, searched = 0;
    const Budget budget = EffectiveBudget();
    const bool split = budget.kind != BudgetKind::kEvals;
    const int64_t phase_b_begin = ev_.stats().candidates;
    for (size_t i = 0; i < keep.size(); ++i) {
      const int64_t parts = static_cast<int64_t>(keep.size() - i);
      if (split) {
        const double now = Elapsed();
        share_ = {true, now + (budget.value - now) / parts,
                  ev_.stats().candidates};
      }
      // The budget left (a time or stall budget: kMarvelMaxEvals over the
      // whole of Phase B), the walk's draws not yet evaluated taken off.
      const int64_t room = Room(int64_t{1} << 40);
      const int64_t spent = ev_.stats().candidates - phase_b_begin;
      const int64_t pending = static_cast<int64_t>(w.batch.size());
      const int64_t left =
          std::min(room - pending,
                   split ? kMarvelMaxEvals - spent - pending : kMarvelMaxEvals);
      if (left <= 0) break;
      const int64_t share = std::max<int64_t>(1, left / parts);
      const long double size = PhaseBSize(space_, keep[i]);
      const bool all = size <= share && size <= o_.marvel_cap;
      (all ? whole : searched) += 1;
      if (all || o_.marvel_uniform) {
        // (Under a split budget false is this candidate's limit.)
        if (!Walk(i, keep[i], all, share, w) && !split) break;
        if (split) FlushMarvel(w.batch);
        continue;
      }
      if (!w.batch.empty() && !FlushMarvel(w.batch) && !split) break;
      PhaseBGa(i, keep[i], share, w);
    }
    share_.on = false;
    FlushMarvel(w.batch);
    m.enumerated = whole;
    m.searched = searched;
    absl::StrAppend(&out_.note, "; Phase B: ", whole, " enumerated, ", searched,
                    o_.marvel_uniform ? " by uniform draws" : " by GA",
                    " (--marvel-cap ", o_.marvel_cap, ")", ShareNote(budget));
    const size_t reached = static_cast<size_t>(whole + searched);
    if (reached < keep.size()) {
      absl::StrAppend(&out_.note, "; ", keep.size() - reached, " of the ",
                      keep.size(),
                      " kept not reached before the budget ran out");
    }
  }

  // The note's account of Phase A: the subspace's sizes, the kept, the
  // DRAM layout of the best one, Phase B's subspace.
  static std::string PhaseANote(const MarvelSummary& m) {
    const bool searched = m.layout_mode == DramLayout::kSearched;
    return absl::StrCat(
        "marvel: off-chip subspace ", FormatCount(m.offchip.raw), " (",
        FormatCount(m.offchip.classes),
        searched ? " loads and layout classes, " : " loads classes, ",
        FormatCount(m.offchip.feasible), " fit L2), ", m.kept, " kept",
        m.best_layout.empty()
            ? ""
            : absl::StrCat(", DRAM layout ",
                           searched ? "searched"
                                    : "row-major (--marvel-layout row-major)",
                           ": the best ", LayoutText(m.best_layout),
                           searched ? absl::StrCat(" (", m.kept_not_row_major,
                                                   " of the ", m.kept,
                                                   " kept not row-major)")
                                    : ""),
        "; on-chip subspace ", FormatCount(m.onchip), " over the kept");
  }

  // How Phase B split a time or stall budget over the kept candidates.
  static std::string ShareNote(const Budget& b) {
    switch (b.kind) {
      case BudgetKind::kTime:
        return ", each an equal part of the time left";
      case BudgetKind::kStall:
        return absl::StrCat(", each until ", b.value,
                            " evaluations without a better mapping");
      default:
        return "";
    }
  }

  // The Phase-B shares of a layer sum to at most this (it bounds them under
  // a time or stall budget).
  static constexpr int64_t kMarvelMaxEvals = 1000000;

  // Phase B's state over the kept candidates: the best PE utilisation
  // drawn, the keys drawn, the draws not yet evaluated.
  struct MarvelWalk {
    double best_util = 0;
    absl::flat_hash_set<uint64_t> seen;
    std::vector<Candidate> batch;
  };

  // Candidate c's genome of subspace index `index`, unless PhaseBGenome
  // prunes it or it keeps less than `util` of the PEs busy.
  std::optional<Genome> PhaseBDecode(const OffchipCandidate& c, int64_t index,
                                     double util) const {
    std::optional<Genome> g =
        PhaseBGenome(space_, c, index, ev_.hardware().l1_size);
    if (g && PeUtilisation(space_, *g) < util) return std::nullopt;
    return g;
  }

  // A uniform index into candidate i's subspace of `size` points (draw t).
  int64_t PhaseBDrawIndex(size_t i, int64_t t, long double size) const {
    Rng rng = Rng::For(o_.seed, layer_key_, i + 1, t, Op::kRandom);
    return rng.Uniform(0, static_cast<int64_t>(size) - 1);
  }

  // The candidate of `index` unless pruned: PhaseBDecode at half the best
  // utilisation seen (which it raises), or a mapping drawn or evaluated
  // before.
  std::optional<Candidate> PhaseBDraw(const OffchipCandidate& c, int64_t index,
                                      MarvelWalk& w) {
    std::optional<Genome> g = PhaseBDecode(c, index, 0.5 * w.best_util);
    if (!g) return std::nullopt;
    w.best_util = std::max(w.best_util, PeUtilisation(space_, *g));
    const uint64_t key = CanonicalKey(space_, *g);
    if (ev_.Cached(key) || !w.seen.insert(key).second) return std::nullopt;
    return Candidate{*g, key, {}};
  }

  // Phase B of kept candidate i: every index of its subspace in turn (all),
  // or uniform draws (at most 50 x share), until `share` are kept, into
  // w.batch (evaluated every population); false when the budget ran out.
  bool Walk(size_t i, const OffchipCandidate& c, bool all, int64_t share,
            MarvelWalk& w) {
    const long double size = PhaseBSize(space_, c);
    const int64_t tries = all ? static_cast<int64_t>(size) : 50 * share;
    int64_t taken = 0;
    for (int64_t t = 0; t < tries && taken < share; ++t) {
      std::optional<Candidate> k =
          PhaseBDraw(c, all ? t : PhaseBDrawIndex(i, t, size), w);
      if (!k) continue;
      w.batch.push_back(std::move(*k));
      ++taken;
      if (static_cast<int64_t>(w.batch.size()) >= o_.population &&
          !FlushMarvel(w.batch)) {
        return false;
      }
    }
    return true;
  }

  // Phase B of kept candidate i by Evolve over its on-chip genes, within
  // `share` candidates: the first population uniform draws (PhaseBDraw);
  // each offspring projected into the subspace (PhaseBIndex: level 0 the
  // candidate's, L1 tiles divisors of the parent tiles, the inner order its
  // loads class's first) and decoded, pruned as the draws (utilisation at
  // half the best seen before the GA); immigrants uniform draws. Phase B
  // has two levels: no grow / age. The sp gene is drawn unguided (any dim):
  // decoding resizes level 0's spatial tile, so whether a dim "iterates"
  // under the offspring's tiles misleads (guided, the GA missed the
  // optimum of ResNet-50's fc, whose level 0 spreads Y' of extent 1).
  void PhaseBGa(size_t i, const OffchipCandidate& c, int64_t share,
                MarvelWalk& w) {
    const long double size = PhaseBSize(space_, c);
    const int64_t P = std::min<int64_t>(std::max(o_.population, 4), share);
    // The first population: a quarter of the share (at most P, at least
    // gamma's first 8) drawn uniformly, with the walk's 50 x share tries,
    // so a subspace with few unpruned points is mostly drawn before the GA
    // starts.
    const int64_t first = std::min<int64_t>(
        P, std::max<int64_t>(o_.rates.ramp ? kRampStart : P, share / 4));
    std::vector<Candidate> pop;
    for (int64_t t = 0;
         t < 50 * share && static_cast<int64_t>(pop.size()) < first; ++t) {
      std::optional<Candidate> k =
          PhaseBDraw(c, PhaseBDrawIndex(i, t, size), w);
      if (k) pop.push_back(std::move(*k));
    }
    if (pop.empty()) return;  // nothing in the subspace survives pruning
    const int64_t room = Room(static_cast<int64_t>(pop.size()));
    pop.resize(std::min<int64_t>(room, pop.size()));
    if (pop.empty()) return;
    ++out_.generations;
    Evaluate(pop, /*keyed=*/true);
    Rank(pop, first);
    const double floor = 0.5 * w.best_util;
    Breeding b;
    b.stream = i + 1;
    b.rates = o_.rates;
    b.rates.grow_age = 0;
    b.rates.guided = false;
    b.fix = [&](Genome& g) {
      std::optional<Genome> d =
          PhaseBDecode(c, PhaseBIndex(space_, c, g), floor);
      if (d) g = *d;
      return d.has_value();
    };
    b.immigrant = [&](uint64_t gen, int64_t slot,
                      int64_t attempt) -> std::optional<Genome> {
      Rng rng =
          Rng::For(o_.seed, layer_key_, gen, slot + (attempt << 32), Op::kInit);
      for (int t = 0; t < 50; ++t) {
        std::optional<Genome> g = PhaseBDecode(
            c, rng.Uniform(0, static_cast<int64_t>(size) - 1), floor);
        if (g) return g;
      }
      return std::nullopt;
    };
    Evolve(pop, first, P, b, share - static_cast<int64_t>(pop.size()));
    for (const Candidate& k : pop) {
      w.best_util = std::max(w.best_util, PeUtilisation(space_, k.genome));
    }
  }

  // Evaluates what fits the budget of `batch` (keys set); false when the
  // budget is out.
  bool FlushMarvel(std::vector<Candidate>& batch) {
    const int64_t room = Room(static_cast<int64_t>(batch.size()));
    if (room < static_cast<int64_t>(batch.size())) batch.resize(room);
    if (!batch.empty()) {
      ++out_.generations;
      Evaluate(batch, /*keyed=*/true);
    }
    batch.clear();
    return room > 0;
  }

  Genome Immigrant(int64_t gen, int64_t slot, int64_t attempt) const {
    Rng rng =
        Rng::For(o_.seed, layer_key_, gen, slot + (attempt << 32), Op::kInit);
    Genome g = RandomGenome(
        space_, static_cast<int>(rng.Uniform(1, space_.max_levels)), rng);
    Fix(g);
    return g;
  }

  // --flex: the template's result next to the searched one.
  void FlexNote() {
    for (const LibraryEntry& e : out_.library) {
      if (e.own || e.dataflow != o_.flex.dataflow) continue;
      const int64_t t = e.metrics.runtime_cycles;
      const int64_t f = have_best_ ? best_.metrics.runtime_cycles : 0;
      out_.note = absl::StrFormat(
          "--flex %s: %s as in the library %s cycles; with its %s searched "
          "%s (%.2fx)",
          o_.flex.Text(), e.dataflow, GroupThousands(t),
          o_.flex.tile && o_.flex.order ? "tiles and orders"
          : o_.flex.tile                ? "tiles"
                                        : "orders",
          GroupThousands(f), f > 0 ? static_cast<double>(t) / f : 0.0);
    }
  }

  // --flex: the frozen genes from the base genome.
  void Fix(Genome& g) const {
    if (flex_base_) ApplyFlex(o_.flex, space_, *flex_base_, g);
  }

  // One generation's offspring (keys set) by b; `gen` is the generation's
  // stream key (Breeding). Slot k takes its first draw (parents from the top
  // `parents` of pop, repaired by b.fix) that repeats no mapping already
  // evaluated or earlier in the batch; after kTries draws, b's immigrant
  // (ours: GAMMA spends those evaluations on duplicates); slots without one
  // are dropped. The draws up to the first uncached one run in parallel
  // (the parents and the cache are read-only here); then, in slot order, a
  // draw repeating an earlier slot continues serially, so the batch is the
  // serial loop's for any thread count.
  void Breed(const std::vector<Candidate>& pop, int64_t parents, uint64_t gen,
             bool none_valid, const Breeding& b, std::vector<Candidate>& kids) {
    std::vector<int> attempt(kids.size());
    ev_.Pool(o_.threads)
        .ForEach(static_cast<int64_t>(kids.size()), [&](int64_t k, int) {
          if (!none_valid) {
            attempt[k] = Uncached(pop, parents, gen, k, 0, b, kids[k]);
            return;
          }
          SetImmigrant(b, gen, k, 0, kids[k]);
          attempt[k] = kTries;
        });
    absl::flat_hash_set<uint64_t> fresh;
    for (size_t k = 0; k < kids.size(); ++k) {
      while (attempt[k] < kTries && !fresh.insert(kids[k].key).second) {
        attempt[k] = Uncached(pop, parents, gen, k, attempt[k] + 1, b, kids[k]);
      }
    }
    std::erase_if(kids,
                  [](const Candidate& c) { return c.genome.num_levels == 0; });
  }

  static constexpr int kTries = 9;  // a slot's draws before its immigrant

  // c takes b's immigrant (genome and key), or num_levels 0 when there is
  // none.
  void SetImmigrant(const Breeding& b, uint64_t gen, int64_t slot,
                    int64_t attempt, Candidate& c) const {
    std::optional<Genome> g = b.immigrant(gen, slot, attempt);
    c.genome = g ? *g : Genome{.num_levels = 0};
    c.key = g ? CanonicalKey(space_, *g) : 0;
  }

  // Draws attempt `from`, `from + 1`, ... of slot `slot` into c (genome and
  // key) until one is repaired and not cached, or is the immigrant (attempt
  // kTries); returns its attempt. (A generation without a valid parent takes
  // the immigrant of attempt 0 in every slot.)
  int Uncached(const std::vector<Candidate>& pop, int64_t parents, uint64_t gen,
               int64_t slot, int from, const Breeding& b, Candidate& c) const {
    for (int a = from;; ++a) {
      if (a == kTries) {
        SetImmigrant(b, gen, slot, a, c);
        return a;
      }
      const uint64_t s = slot + (static_cast<uint64_t>(a) << 32);
      Rng sel = Rng::For(o_.seed, layer_key_, gen, s, Op::kSelect);
      const Genome& pa = pop[Parent(sel, parents)].genome;
      const Genome& pb = pop[Parent(sel, parents)].genome;
      c.genome =
          Offspring(space_, pa, pb, {o_.seed, layer_key_, gen, s}, b.rates);
      if (!b.fix(c.genome)) continue;
      c.key = CanonicalKey(space_, c.genome);
      if (!ev_.Cached(c.key)) return a;
    }
  }

  // A parent's rank among the top `parents`: uniform (GAMMA), or ours the
  // better of two uniform draws.
  int64_t Parent(Rng& sel, int64_t parents) const {
    if (!o_.rates.biased_parents) return sel.Uniform(0, parents - 1);
    const int64_t i = sel.Uniform(0, parents - 1),
                  j = sel.Uniform(0, parents - 1);
    return std::min(i, j);
  }

  // Gamma's selection: Select, or under a pareto objective the feasible
  // candidates ordered by NSGA-II (front, then crowding distance, largest
  // first, then key), the others after them by constraint domination.
  void Rank(std::vector<Candidate>& pop, int64_t P) const {
    if (!o_.objective_spec.pareto()) return Select(pop, P);
    Select(pop, static_cast<int64_t>(pop.size()));
    size_t feasible = 0;
    while (feasible < pop.size() &&
           pop[feasible].metrics.standing == Standing::kFeasible) {
      ++feasible;
    }
    std::vector<Objectives> f;
    for (size_t i = 0; i < feasible; ++i)
      f.push_back(ObjectivesOf(pop[i].metrics));
    const int n = static_cast<int>(front_metrics_.size());
    const std::vector<int> rank = FrontRanks(f, n);
    const std::vector<double> crowd = CrowdingDistance(f, n, rank);
    std::vector<size_t> order(feasible);
    for (size_t i = 0; i < feasible; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (rank[a] != rank[b]) return rank[a] < rank[b];
      if (crowd[a] != crowd[b]) return crowd[a] > crowd[b];
      return pop[a].key < pop[b].key;
    });
    std::vector<Candidate> next;
    for (size_t i : order) next.push_back(pop[i]);
    next.insert(next.end(), pop.begin() + feasible, pop.end());
    if (static_cast<int64_t>(next.size()) > P) next.resize(P);
    pop.swap(next);
  }

  // Sorts by rank, drops duplicate keys, keeps the best P. (Sorting indices
  // takes the same comparisons, so the same permutation, as sorting the
  // candidates, without moving them.)
  static void Select(std::vector<Candidate>& pop, int64_t P) {
    std::vector<int> order(pop.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return RankLess(pop[a], pop[b]); });
    std::vector<Candidate> kept;
    kept.reserve(std::min<size_t>(pop.size(), P));
    for (int i : order) {
      if (static_cast<int64_t>(kept.size()) == P) break;
      if (!kept.empty() && kept.back().key == pop[i].key) continue;
      kept.push_back(std::move(pop[i]));
    }
    pop.swap(kept);
  }

  void Finish() {
    out_.stats = ev_.stats();
    out_.evals_to_best = last_improvement_;
    out_.evals_to_best_primary = primary_improvement_;
    // The best library dataflow (same ranking).
    for (size_t i = 0; i < out_.library.size(); ++i) {
      const LibraryEntry& e = out_.library[i];
      if (!e.status.ok() || e.own) continue;
      if (out_.library_best < 0 ||
          Improves(e.metrics, out_.library[out_.library_best].metrics)) {
        out_.library_best = static_cast<int>(i);
      }
    }
    Winner& w = out_.best;
    const bool lib_wins =
        out_.library_best >= 0 &&
        (!have_best_ ||
         Improves(out_.library[out_.library_best].metrics, best_.metrics));
    if (lib_wins) {
      const LibraryEntry& e = out_.library[out_.library_best];
      w.metrics = e.metrics;
      w.source = absl::StrCat("library:", e.dataflow);
      w.mapping = e.block;
      out_.evals_to_best = e.eval_index;
      if (!have_best_ || e.metrics.standing != best_.metrics.standing ||
          e.metrics.primary != best_.metrics.primary) {
        out_.evals_to_best_primary = e.eval_index;
      }
    } else if (have_best_) {
      w.metrics = best_.metrics;
      auto it = seed_source_.find(best_.key);
      w.source = it == seed_source_.end() ? "search" : it->second;
      w.genome = Canonical(space_, best_.genome);
      w.mapping = ToDataflow(space_, best_.genome, "search");
      w.describe = Describe(space_, best_.genome);
    }
    // The target file's own blocks are candidates too.
    for (const LibraryEntry& e : out_.library) {
      if (!e.own || !e.status.ok()) continue;
      if (w.source.empty() || Improves(e.metrics, w.metrics)) {
        w = Winner();
        w.metrics = e.metrics;
        w.source = "file";
        w.mapping = e.block;
        out_.evals_to_best = out_.evals_to_best_primary = e.eval_index;
      }
    }
    CrossCheckSemantics(w);
    FinishFront();
    out_.wall_s = Elapsed();
  }

  // The archive as the layer's front, each point with its mapping.
  void FinishFront() {
    out_.front_metrics = front_metrics_;
    for (const ParetoPoint& p : archive_.Sorted()) {
      const Stored& st = front_store_[p.payload];
      FrontPoint fp;
      fp.f = p.f;
      fp.key = p.key;
      fp.w.metrics = st.metrics;
      if (st.library >= 0) {
        const LibraryEntry& e = out_.library[st.library];
        fp.w.source = e.own ? "file" : absl::StrCat("library:", e.dataflow);
        fp.w.mapping = e.block;
      } else {
        auto it = seed_source_.find(st.key);
        fp.w.source = it == seed_source_.end() ? "search" : it->second;
        fp.w.genome = Canonical(space_, *st.genome);
        fp.w.mapping = ToDataflow(space_, *st.genome, "search");
        fp.w.describe = Describe(space_, *st.genome);
      }
      CrossCheckSemantics(fp.w);
      out_.front.push_back(std::move(fp));
    }
    out_.hypervolume = HvFraction();
  }

  // Under maestro semantics: the winner's runtime under exact semantics.
  void CrossCheckSemantics(Winner& w) {
    w.exact_runtime_cycles = w.metrics.runtime_cycles;
    if (o_.analysis.semantics != Semantics::kMaestro ||
        w.mapping.directives.empty())
      return;
    AnalysisOptions exact = o_.analysis;
    exact.semantics = Semantics::kExact;
    exact.tensors_have_batch.reset();
    absl::StatusOr<ResolvedMapping> rm =
        w.genome
            ? absl::StatusOr<ResolvedMapping>(ToResolved(space_, *w.genome))
            : ResolveDataflow(w.mapping, space_.layer, ev_.hardware());
    if (!rm.ok()) return;
    absl::StatusOr<LayerResult> r =
        AnalyzeLayer(space_.layer, *rm, ev_.hardware(), exact);
    if (!r.ok()) return;
    w.exact_runtime_cycles = r->runtime_cycles;
    const double a = static_cast<double>(w.metrics.runtime_cycles);
    w.semantics_differ = std::abs(r->runtime_cycles - a) > 0.01 * a;
  }

  const SearchSpace& space_;
  LayerRole role_;
  const SearchOptions& o_;
  Evaluator ev_;
  uint64_t layer_key_;
  Clock::time_point start_;
  LayerSearch out_;
  Candidate best_;
  bool have_best_ = false;
  int64_t last_improvement_ = 0;
  ShareLimit share_;  // Marvel's Phase B under a time or stall budget
  int64_t primary_improvement_ = 0;
  int64_t library_best_runtime_ = 0;  // for progress lines
  ObjectiveRefs refs_;                // weighted objectives' references
  std::optional<Genome> flex_base_;   // --flex: the dataflow's genome
  absl::flat_hash_map<uint64_t, std::string> seed_source_;
  // The front (FrontMetrics): the archive's points index front_store_,
  // which keeps what every point ever admitted stands for.
  struct Stored {
    Metrics metrics;
    std::optional<Genome> genome;
    int library = -1;  // index into out_.library, -1 = a searched genome
    uint64_t key = 0;
  };
  std::vector<Metric> front_metrics_;
  ParetoArchive archive_;
  std::vector<Stored> front_store_;
  bool front_changed_ = true;  // since the last hypervolume
  double last_hv_ = -1;
};

}  // namespace

Hardware SearchHardware(const Hardware& hw, const SearchOptions& options) {
  // pes<=N: the mapping may use N of the hardware's PEs.
  Hardware limited = hw;
  if (const std::optional<double>& p = options.constraints.pes;
      p && *p < hw.num_pes) {
    limited.num_pes = static_cast<int64_t>(*p);
  }
  return limited;
}

absl::Status CheckDesignOptions(const SearchOptions& o, const Hardware& hw) {
  const AreaModel model = MakeAreaModel(hw.area_model);
  const bool module_power = model.mac_mw > 0;  // maestro: a per-design sum
  bool area = false, power = false;
  for (const auto& [m, w] : o.objective_spec.terms) {
    area |= m == Metric::kArea;
    power |= m == Metric::kPower;
  }
  if (!o.fit_buffers && (area || (power && module_power))) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--objective ", o.objective_spec.text,
        ": under --buffers fixed every "
        "mapping has the same ",
        area ? "area" : "power",
        " (the hardware's, "
        "area model ",
        AreaModelName(hw.area_model),
        "); expected --buffers fit "
        "(each mapping's buffers sized to its needs)",
        area ? "" : " or an area model whose power is the run's average"));
  }
  // A limit below every mapping's figure (fixed: the configured design;
  // fit: buffers of size 0) cannot be met.
  const AreaEstimate least = EstimateArea(
      hw, model,
      o.fit_buffers ? BufferSizes{0, 0} : BufferSizes::Configured(hw));
  auto impossible = [&](const char* key, double limit, double least_value,
                        const char* unit) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "--constraint %s<=%g: no mapping can meet it, every design on this "
        "hardware has at least %.6g %s (area model %s, buffers %s); expected "
        "a limit >= %.6g",
        key, limit, least_value, unit, AreaModelName(hw.area_model),
        o.fit_buffers ? "fit, of size 0" : "as configured", least_value));
  };
  if (o.constraints.area && *o.constraints.area < least.total_um2) {
    return impossible("area", *o.constraints.area, least.total_um2, "um2");
  }
  if (o.constraints.power && module_power &&
      *o.constraints.power < least.static_power_mw) {
    return impossible("power", *o.constraints.power, least.static_power_mw,
                      "mW");
  }
  return absl::OkStatus();
}

absl::StatusOr<LayerSearch> SearchLayer(const Layer& layer, LayerRole role,
                                        const Hardware& hw,
                                        const SearchOptions& options) {
  const Hardware limited = SearchHardware(hw, options);
  if (absl::Status s = CheckDesignOptions(options, limited); !s.ok()) return s;
  if (options.strategy == Strategy::kGammaCompat &&
      options.space.spatial_rs != SpatialFilter::kOff) {
    return absl::InvalidArgumentError(
        "--spatial-rs with --strategy gamma-compat: gamma-compat searches "
        "GAMMA's genome exactly; expected --spatial-rs off");
  }
  absl::StatusOr<SearchSpace> space =
      MakeSearchSpace(layer, limited, options.space);
  if (!space.ok()) return space.status();
  const int64_t bound = LowerBoundCycles(layer, limited);
  if (const std::optional<double>& l = options.constraints.latency;
      l && *l < bound) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--constraint latency<=", *l, ": layer '", layer.name,
        "' cannot run in fewer cycles than its lower bound ",
        GroupThousands(bound),
        " (max(MACs / PEs, off-chip volume / off-chip bandwidth)); expected "
        "a limit >= ",
        bound));
  }
  Run run(*space, role, limited, options);
  return run.Go();
}

}  // namespace maestro::search
