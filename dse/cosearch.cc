#include "dse/cosearch.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <numeric>
#include <optional>

#include "absl/strings/str_cat.h"
#include "core/area_model.h"
#include "dse/cosearch_figures.h"
#include "dse/pareto.h"
#include "dse/sweep.h"
#include "search/evaluator.h"
#include "search/report.h"

namespace maestro::dse {
namespace {

using Clock = std::chrono::steady_clock;
using cosearch::LayerFigure;

// One grid point after the screen.
struct Screened {
  HardwarePoint point;
  Hardware hw;  // the point's; under fit its L1 / L2 limit the search
  BufferCaps caps;
  std::vector<LayerFigure> library;  // per layer, the problem's dataflow
  DesignPoint library_design;
  DesignFigures bound;  // optimistic figures (see OptimisticFigures)
  double bound_value = 0;
  bool may_be_feasible = true;
};

// Figures no design at `hw` can beat: the network's lower-bound cycles, no
// energy, the area and module power with the smallest buffers it can have
// (hw's under fixed, one granule under fit).
DesignFigures OptimisticFigures(const std::vector<JobLayer>& layers,
                                const Hardware& hw, BufferPolicy buffers) {
  DesignFigures f;
  for (const JobLayer& l : layers) {
    f.runtime_cycles += search::LowerBoundCycles(l.layer, hw) * l.layer.repeat;
  }
  const bool fit = buffers == BufferPolicy::kFit;
  const BufferSizes b{fit ? kFitL1Granule : hw.l1_size,
                      fit ? kFitL2Granule : hw.l2_size};
  const AreaEstimate a = EstimateArea(hw, MakeAreaModel(hw.area_model), b);
  f.area_um2 = a.total_um2;
  f.power_mw = a.static_power_mw;
  return f;
}

bool BoundMayMeet(const DseConstraints& c, const DesignFigures& b) {
  return !(c.area_um2 && b.area_um2 > *c.area_um2) &&
         !(c.power_mw && b.power_mw > *c.power_mw) &&
         !(c.latency_cycles && b.runtime_cycles > *c.latency_cycles);
}

class Walk {
 public:
  Walk(const DseProblem& p, const DseOptions& o, const CosearchConfig& c)
      : p_(p), o_(o), c_(c), start_(Clock::now()) {}

  absl::StatusOr<CosearchRun> Go() {
    if (absl::Status s = Screen(); !s.ok()) return s;
    if (run_.result.stopped_early) return Finish();  // Ctrl-C in the screen
    if (absl::Status s = SetBudget(); !s.ok()) return s;
    std::vector<size_t> alive = FirstRound();
    const int rounds = Rounds(alive.size());
    // The last round (one point) keeps final_fraction of the inner budget.
    const int64_t reserve =
        rounds > 1 ? static_cast<int64_t>(
                         c_.final_fraction *
                         static_cast<double>(run_.budget_evals - Spent()))
                   : 0;
    for (int r = 0; r < rounds && !alive.empty(); ++r) {
      const int64_t left = run_.budget_evals - Spent();
      const int64_t share =
          r + 1 == rounds ? left : (left - reserve) / (rounds - 1 - r);
      while (alive.size() > 1 &&
             share / (static_cast<int64_t>(alive.size()) * unique_) <
                 c_.min_layer_evals) {
        alive.pop_back();  // the budget cannot give every point a search
      }
      const int64_t per_layer =
          share / (static_cast<int64_t>(alive.size()) * unique_);
      if (per_layer < c_.min_layer_evals) break;
      if (r == 0) first_round_ = static_cast<int64_t>(alive.size());
      if (absl::Status st = Round(r, alive, per_layer); !st.ok()) return st;
      if (run_.result.stopped_early) break;
      Halve(alive);
    }
    return Finish();
  }

 private:
  int64_t Spent() const { return run_.screen_evals + run_.inner_evals; }

  search::SearchOptions InnerOptions(int64_t per_layer) const {
    return cosearch::InnerSearchOptions(o_, per_layer);
  }

  absl::Status Screen() {
    if (absl::Status st = CheckSweepInput(p_, o_); !st.ok()) return st;
    if (p_.layers.empty()) {
      return absl::InvalidArgumentError(
          "cosearch: the network has no costed layers; expected at least one");
    }
    absl::StatusOr<DataflowLibraryFile> df = LoadDseDataflow(p_);
    if (!df.ok()) return df.status();
    for (const HardwarePoint& pt : GridPoints(o_.grid, p_.base)) {
      if (o_.stop && o_.stop->load()) {
        run_.result.stopped_early = true;
        break;
      }
      Screened s;
      s.point = pt;
      s.hw = ApplyPoint(p_.base, pt);
      s.caps = BufferCapsOf(o_.buffers, o_.grid, s.hw);
      cosearch::LibraryRun lib =
          cosearch::RunLibrary(p_.layers, *df, s.hw, o_.analysis, o_.threads);
      run_.screen_evals += lib.evals;
      s.library = std::move(lib.layers);
      s.library_design = cosearch::MakeDesign(s.hw, s.library, o_.buffers,
                                              s.caps, o_.constraints);
      s.bound = OptimisticFigures(p_.layers, s.hw, o_.buffers);
      s.bound_value = DseObjectiveValue(o_.objective, s.bound);
      s.may_be_feasible = BoundMayMeet(o_.constraints, s.bound);
      screened_.push_back(std::move(s));
    }
    run_.grid_points = static_cast<int64_t>(screened_.size());
    const search::NetworkSearch plan = search::PlanNetwork(
        p_.name, p_.layers, p_.base, InnerOptions(c_.layer_evals));
    unique_ = std::max<int64_t>(1, plan.first_of.size());
    return absl::OkStatus();
  }

  absl::Status SetBudget() {
    if (o_.budget_evals < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("cosearch: --budget ", o_.budget_evals,
                       " evaluations; expected a positive number"));
    }
    const int64_t one_point = unique_ * c_.min_layer_evals;
    run_.budget_evals =
        o_.budget_evals > 0
            ? o_.budget_evals
            : run_.screen_evals + c_.points * unique_ * c_.layer_evals;
    if (run_.budget_evals < run_.screen_evals + one_point) {
      return absl::InvalidArgumentError(absl::StrCat(
          "cosearch: --budget ", run_.budget_evals,
          " evaluations is below the screen of ", run_.grid_points,
          " grid points (", run_.screen_evals, " evaluations) plus one point ",
          "searched with ", c_.min_layer_evals, " evaluations per unique ",
          "layer (", one_point, "); expected at least ",
          run_.screen_evals + one_point));
    }
    return absl::OkStatus();
  }

  // The first round's points: the first of Order() whose bound
  // may meet the constraints, the screen's winner (the sweep's choice)
  // first; as many as the inner budget gives layer_evals per unique layer,
  // at least one, at most `points`.
  std::vector<size_t> FirstRound() {
    const int64_t inner = run_.budget_evals - Spent();
    const int64_t n = std::clamp<int64_t>(inner / (unique_ * c_.layer_evals), 1,
                                          std::max<int64_t>(1, c_.points));
    std::vector<size_t> order = Order();
    std::vector<size_t> alive;
    std::optional<size_t> winner;
    for (size_t idx = 0; idx < screened_.size(); ++idx) {  // grid order
      if (!screened_[idx].may_be_feasible) {
        ++run_.pruned;
      } else if (!winner ||
                 DesignLess(o_.objective, screened_[idx].library_design,
                            screened_[*winner].library_design)) {
        winner = idx;
      }
    }
    if (!winner) return alive;
    alive.push_back(*winner);
    for (size_t idx : order) {
      if (static_cast<int64_t>(alive.size()) >= n) break;
      if (screened_[idx].may_be_feasible && idx != *winner) {
        alive.push_back(idx);
      }
    }
    return alive;
  }

  // Halving n points down to 1: 1 + ceil(log2 n) rounds.
  static int Rounds(size_t n) {
    int r = 1;
    for (size_t k = n; k > 1; k = (k + 1) / 2) ++r;
    return r;
  }

  // Searches every point of `alive` with `per_layer` evaluations per unique
  // layer, best first; a point that cannot beat the best feasible design
  // any more is dropped.
  absl::Status Round(int r, std::vector<size_t>& alive, int64_t per_layer) {
    std::vector<size_t> kept;
    for (size_t idx : alive) {
      if (o_.stop && o_.stop->load()) {
        run_.result.stopped_early = true;
        break;
      }
      if (BeatenAlready(screened_[idx])) {
        ++run_.pruned;
        continue;
      }
      if (absl::Status st = Visit(idx, r, per_layer); !st.ok()) return st;
      kept.push_back(idx);
      Progress();
      if (run_.result.stopped_early) break;
    }
    alive = std::move(kept);
    return absl::OkStatus();
  }

  // Keeps the better half (rounded up) of `alive` by each point's design.
  void Halve(std::vector<size_t>& alive) const {
    std::stable_sort(alive.begin(), alive.end(), [this](size_t a, size_t b) {
      return DesignLess(o_.objective, points_.at(a).design,
                        points_.at(b).design);
    });
    alive.resize((alive.size() + 1) / 2);
  }

  // Best-first: the bound, then the screen's ranking, then the grid index.
  std::vector<size_t> Order() const {
    std::vector<size_t> idx(screened_.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [this](size_t a, size_t b) {
      const Screened& x = screened_[a];
      const Screened& y = screened_[b];
      if (x.bound_value != y.bound_value) return x.bound_value < y.bound_value;
      return DesignLess(o_.objective, x.library_design, y.library_design);
    });
    return idx;
  }

  // Whether no design at this point can beat the best feasible one found.
  bool BeatenAlready(const Screened& s) const {
    if (best_net_ == nullptr) return false;
    const DesignFigures& b = best_.fig;
    return b.feasible && s.bound_value >= DseObjectiveValue(o_.objective, b);
  }

  // The warm seeds of unique layer u of `n`: the winners of this point's
  // own earlier search, of the point searched last and of the best design
  // so far for the same layer.
  std::vector<Dataflow> Seeds(const search::NetworkSearch& n, size_t u,
                              size_t idx) const {
    std::vector<const search::NetworkSearch*> from;
    auto add = [&from](const search::NetworkSearch* s) {
      if (s != nullptr && std::find(from.begin(), from.end(), s) == from.end())
        from.push_back(s);
    };
    if (auto it = points_.find(idx); it != points_.end())
      add(it->second.net.get());
    add(prev_.get());
    add(best_net_.get());
    std::vector<Dataflow> seeds;
    const size_t layer = n.first_of[u];
    for (const search::NetworkSearch* f : from) {
      if (f->unique_of[layer] < 0) continue;
      seeds.push_back(f->unique[f->unique_of[layer]].best.mapping);
    }
    return seeds;
  }

  absl::Status Visit(size_t idx, int round, int64_t per_layer) {
    const Screened& s = screened_[idx];
    const search::SearchOptions so = InnerOptions(per_layer);
    auto n = std::make_shared<search::NetworkSearch>(
        search::PlanNetwork(p_.name, p_.layers, s.hw, so));
    for (size_t u = 0; u < n->first_of.size(); ++u) {
      search::SearchOptions su = so;
      su.own_dataflows = Seeds(*n, u, idx);
      absl::StatusOr<search::LayerSearch> r =
          search::SearchUnique(*n, u, s.hw, su);
      if (!r.ok()) return r.status();
      run_.result.stopped_early |= r->stopped_early;
      n->unique.push_back(*std::move(r));
    }
    search::ComputeTotals(so, *n);
    run_.inner_evals += n->candidates;
    CosearchVisit v;
    v.grid_index = idx;
    v.round = round;
    v.design = cosearch::SearchedDesign(*n, s.library, s.hw, o_.buffers, s.caps,
                                        o_.constraints);
    v.library = s.library_design;
    v.inner_evals = n->candidates;
    v.layer_evals = per_layer;
    v.warm = prev_ != nullptr;
    run_.visits.push_back(v);
    PointState& ps = points_[idx];
    if (ps.net == nullptr || DesignLess(o_.objective, v.design, ps.design)) {
      ps.design = v.design;
      ps.net = n;
    }
    if (best_net_ == nullptr || DesignLess(o_.objective, v.design, best_)) {
      best_ = v.design;
      best_net_ = n;
      best_options_ = so;
    }
    prev_ = n;
    return absl::OkStatus();
  }

  void Progress() const {
    if (!o_.on_progress) return;
    DseProgress pr;
    pr.points = static_cast<int64_t>(points_.size());
    pr.budget_points = first_round_;
    for (const auto& [idx, ps] : points_) pr.valid += ps.design.fig.feasible;
    pr.best_objective = DseObjectiveValue(o_.objective, best_.fig);
    pr.elapsed_s = Elapsed();
    o_.on_progress(pr);
  }

  double Elapsed() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }

  absl::StatusOr<CosearchRun> Finish() {
    DseResult& r = run_.result;
    std::vector<DesignPoint> designs;  // each point's best, in grid order
    std::vector<DesignPoint> feasible;
    for (const auto& [idx, ps] : points_) {
      designs.push_back(ps.design);
      if (ps.design.fig.feasible) feasible.push_back(ps.design);
    }
    r.pareto = ParetoFront(feasible);
    std::vector<size_t> order(designs.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return DesignLess(o_.objective, designs[a], designs[b]);
    });
    for (size_t i : order) {
      const DesignFigures& f = designs[i].fig;
      if (f.feasible) {
        r.ranked.push_back(designs[i]);
      } else {  // the sweep's classes of invalid points
        ++(!f.complete ? r.points_not_costed
           : !f.fits   ? r.points_over_buffers
                       : r.points_over_constraints);
      }
    }
    r.points_evaluated = static_cast<int64_t>(designs.size());
    r.points_valid = static_cast<int64_t>(r.ranked.size());
    if (r.points_valid > std::max<int64_t>(o_.keep_ranked, 1)) {
      r.ranked.resize(std::max<int64_t>(o_.keep_ranked, 1));
    }
    r.screen_evals = run_.screen_evals;
    r.inner_evals = run_.inner_evals;
    r.partial = !p_.uncosted.empty();
    r.wall_s = Elapsed();
    r.designs_per_s = r.wall_s > 0 ? r.points_evaluated / r.wall_s : 0;
    if (best_net_ != nullptr) {
      if (absl::Status s = SetBest(); !s.ok()) return s;
    } else {
      r.notes.push_back(
          "cosearch: no grid point was searched (every point's bound misses "
          "a constraint, the budget ran out, or it was interrupted in the "
          "screen); best is the screen's least violating point with the "
          "problem's dataflow, no best.m");
      SetScreenBest();
    }
    Notes();
    return std::move(run_);
  }

  absl::Status SetBest() {
    DseResult& r = run_.result;
    r.best = best_;
    r.found = best_.fig.feasible;
    run_.best_hw = ApplyPoint(p_.base, best_.hw);
    absl::StatusOr<std::string> m =
        search::BestMappingText(*best_net_, best_options_);
    if (!m.ok()) return m.status();
    const HardwarePoint& h = best_.hw;
    r.best_mappings = absl::StrCat(
        "// maestro-onnx dse: strategy cosearch, hardware pes=", h.pes,
        " l1_size=", h.l1_size, " l2_size=", h.l2_size, " noc_bw=", h.noc_bw,
        " offchip_bw=", h.offchip_bw, "\n", *m);
    run_.best_search = *best_net_;
    return absl::OkStatus();
  }

  void SetScreenBest() {
    DseResult& r = run_.result;
    r.found = false;
    if (screened_.empty()) return;
    r.best = screened_[0].library_design;
    for (const Screened& s : screened_) {
      if (DesignLess(o_.objective, s.library_design, r.best)) {
        r.best = s.library_design;
      }
    }
    run_.best_hw = ApplyPoint(p_.base, r.best.hw);
  }

  void Notes() {
    DseResult& r = run_.result;
    r.notes.push_back(absl::StrCat(
        "cosearch: screened ", run_.grid_points, " grid points with ",
        p_.dataflow, " (", run_.screen_evals, " evaluations); searched ",
        points_.size(), " points in ", run_.visits.size(),
        " searches of successive halving (", run_.inner_evals,
        " inner mapping evaluations, ", unique_, " unique layers); ",
        run_.pruned, " points skipped by their bound; ", Spent(),
        " of a budget of ", run_.budget_evals, " evaluations"));
    if (o_.objective == DseObjective::kPerfPerArea ||
        o_.objective == DseObjective::kArea ||
        o_.objective == DseObjective::kPower) {
      r.notes.push_back(absl::StrCat(
          "cosearch: the mapping search minimises ",
          search::ObjectiveName(cosearch::InnerObjective(o_.objective)),
          " per layer; the design objective ranks the hardware points"));
    }
  }

  const DseProblem& p_;
  const DseOptions& o_;
  const CosearchConfig& c_;
  Clock::time_point start_;
  std::vector<Screened> screened_;
  int64_t unique_ = 1;
  int64_t first_round_ = 0;  // points of the first round (progress)
  CosearchRun run_;
  // Per searched point (grid index): its best design and that search.
  struct PointState {
    DesignPoint design;
    std::shared_ptr<search::NetworkSearch> net;
  };
  std::map<size_t, PointState> points_;
  DesignPoint best_;
  std::shared_ptr<search::NetworkSearch> prev_, best_net_;
  search::SearchOptions best_options_;
};

}  // namespace

absl::StatusOr<CosearchRun> RunCosearchDetailed(const DseProblem& problem,
                                                const DseOptions& options,
                                                const CosearchConfig& config) {
  return Walk(problem, options, config).Go();
}

absl::StatusOr<DseResult> RunCosearch(const DseProblem& problem,
                                      const DseOptions& options) {
  absl::StatusOr<CosearchRun> r =
      RunCosearchDetailed(problem, options, CosearchConfig());
  if (!r.ok()) return r.status();
  return std::move(r->result);
}

}  // namespace maestro::dse
