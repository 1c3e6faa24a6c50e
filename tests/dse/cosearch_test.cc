// dse --strategy cosearch: the grid, a design's figures, the walk's budget,
// constraints, determinism and stop flag, best.m re-evaluated through the
// .m path, and the comparison with "sweep with the library dataflow, then
// search mappings on the winner" over seeds (median, never the best seed).
#include "dse/cosearch.h"

#include <algorithm>
#include <atomic>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/area_model.h"
#include "core/dsl/parser.h"
#include "core/engine/network.h"
#include "dse/cosearch_baseline.h"
#include "dse/cosearch_figures.h"
#include "gtest/gtest.h"
#include "search/target.h"

namespace maestro::dse {
namespace {

const std::string kRoot = MO_SOURCE_DIR;

Hardware Pe256() { return *HardwarePreset("pe256"); }

// The first `n` layers of a zoo model.
DseProblem Model(const std::string& model, size_t n) {
  absl::StatusOr<search::SearchTarget> t =
      search::LoadSearchTarget(kRoot + "/models/" + model + ".onnx", {});
  EXPECT_TRUE(t.ok()) << t.status();
  DseProblem p;
  p.name = model;
  if (!t.ok()) return p;
  p.layers = t->layers;
  if (p.layers.size() > n) p.layers.resize(n);
  p.dataflow = "nvdla";
  p.base = Pe256();
  return p;
}

// 12 points under fixed buffers; under fit (no l1 / l2 axis) 6.
DseOptions SmallGrid(uint64_t seed,
                     BufferPolicy buffers = BufferPolicy::kFixed) {
  DseOptions o;
  o.strategy = DseStrategy::kCosearch;
  o.buffers = buffers;
  o.grid.axes = {{"pes", {64, 128, 256}}};
  if (buffers == BufferPolicy::kFixed) {
    o.grid.axes.push_back({"l1", {64, 256}});
    o.grid.axes.push_back({"l2", {65536, 262144}});
  } else {
    o.grid.axes.push_back({"noc_bw", {16, 64}});
  }
  o.constraints.area_um2 = 1.3e6;
  o.seed = seed;
  o.threads = 1;
  return o;
}

double AreaOf(const Hardware& hw) {
  return EstimateArea(hw, MakeAreaModel(hw.area_model),
                      BufferSizes::Configured(hw))
      .total_um2;
}

CosearchConfig Small() {
  CosearchConfig c;
  c.layer_evals = 300;
  c.points = 4;
  return c;
}

// The grid dse.h expands for every strategy: pes slowest, fields not
// swept from the base hardware.
TEST(CosearchGrid, CartesianFirstAxisSlowest) {
  SweepGrid g;
  g.axes = {{"pes", {64, 128}}, {"noc_bw", {8, 16, 32}}};
  const std::vector<HardwarePoint> pts = GridPoints(g, Pe256());
  ASSERT_EQ(pts.size(), 6u);
  EXPECT_EQ(pts[0].pes, 64);
  EXPECT_EQ(pts[0].noc_bw, 8);
  EXPECT_EQ(pts[2].noc_bw, 32);
  EXPECT_EQ(pts[3].pes, 128);
  EXPECT_EQ(pts[5].l1_size, 1024);  // pe256's, not swept
  EXPECT_EQ(pts[5].offchip_bw, 64);
}

// The sweep's input checks hold for cosearch too.
TEST(CosearchGrid, BadInputIsTheSweepsError) {
  const DseProblem p = Model("resnet18", 3);
  DseOptions o = SmallGrid(1);
  o.grid.axes.clear();
  absl::StatusOr<DseResult> r = RunCosearch(p, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("an empty grid"), std::string::npos);
}

// Under fit the l1 / l2 axes are upper limits (dse.h's BufferCapsOf): each
// searched design fits exactly when its needs are within its grid point's
// values, its buffers are the fitted needs, and the inner search works
// under those sizes, so the best fits its point's limits.
TEST(Cosearch, FitAxesAreLimits) {
  const DseProblem p = Model("resnet18", 4);
  DseOptions o = SmallGrid(1);  // l1 {64, 256} x l2 {65536, 262144}
  o.buffers = BufferPolicy::kFit;
  absl::StatusOr<CosearchRun> r = RunCosearchDetailed(p, o, Small());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->grid_points, 12);
  ASSERT_TRUE(r->result.found);
  const std::vector<HardwarePoint> pts = GridPoints(o.grid, p.base);
  int feasible = 0;
  for (const CosearchVisit& v : r->visits) {
    const HardwarePoint& limit = pts[v.grid_index];
    const DesignPoint& d = v.design;
    EXPECT_EQ(d.fig.fits, d.fig.l1_size_req <= limit.l1_size &&
                              d.fig.l2_size_req <= limit.l2_size)
        << v.grid_index;
    EXPECT_EQ(d.hw.l1_size, FitSize(d.fig.l1_size_req, kFitL1Granule));
    EXPECT_EQ(d.hw.l2_size, FitSize(d.fig.l2_size_req, kFitL2Granule));
    feasible += d.fig.feasible;
  }
  EXPECT_GT(feasible, 0);
  const DesignPoint& best = r->result.best;
  EXPECT_TRUE(best.fig.fits);
  EXPECT_LE(best.fig.l1_size_req, 256);
  EXPECT_LE(best.fig.l2_size_req, 262144);
  EXPECT_LE(best.fig.area_um2, 1.3e6);
}

// Figures summed with repeats; fit sizes the buffers to the largest need
// rounded up to dse.h's granules (64 L1, 1024 L2), whatever hw's sizes;
// area from the area model; violations normalised (ScoreDesign).
TEST(CosearchFigures, SumsFitAndViolation) {
  Hardware hw = Pe256();
  std::vector<cosearch::LayerFigure> l(2);
  l[0] = {true, 1000, 10.5, 100, 5000, 2};
  l[1] = {true, 300, 4.0, 20, 9000, 1};
  DseConstraints c;
  c.latency_cycles = 1150;  // 2300 cycles: violation 1.0
  const BufferCaps none;
  DesignPoint fixed =
      cosearch::MakeDesign(hw, l, BufferPolicy::kFixed,
                           BufferCapsOf(BufferPolicy::kFixed, {}, hw), c);
  EXPECT_EQ(fixed.fig.runtime_cycles, 2300);
  EXPECT_DOUBLE_EQ(fixed.fig.energy_pj, 25.0);
  EXPECT_EQ(fixed.fig.l1_size_req, 100);
  EXPECT_EQ(fixed.fig.l2_size_req, 9000);
  EXPECT_EQ(fixed.hw.l1_size, 1024);
  EXPECT_DOUBLE_EQ(fixed.fig.area_um2, AreaOf(hw));
  EXPECT_TRUE(fixed.fig.fits);
  EXPECT_FALSE(fixed.fig.feasible);
  EXPECT_DOUBLE_EQ(fixed.fig.violation, 1.0);
  DesignPoint fit =
      cosearch::MakeDesign(hw, l, BufferPolicy::kFit, none, DseConstraints());
  EXPECT_EQ(fit.hw.l1_size, 128);   // 100 up to a multiple of 64
  EXPECT_EQ(fit.hw.l2_size, 9216);  // 9000 up to a multiple of 1024
  EXPECT_DOUBLE_EQ(fit.fig.area_um2, AreaOf(ApplyPoint(hw, fit.hw)));
  EXPECT_LT(fit.fig.area_um2, fixed.fig.area_um2);
  EXPECT_TRUE(fit.fig.feasible);
  hw.l1_size = 50;  // fit: sized to the need, not to hw's 50
  EXPECT_EQ(
      cosearch::MakeDesign(hw, l, BufferPolicy::kFit, none, {}).hw.l1_size,
      128);
  DesignPoint over =
      cosearch::MakeDesign(hw, l, BufferPolicy::kFixed,
                           BufferCapsOf(BufferPolicy::kFixed, {}, hw), {});
  EXPECT_FALSE(over.fig.fits);  // overflow 100 / 50 - 1
  EXPECT_DOUBLE_EQ(over.fig.violation, 1.0);
  // fit under an l1 limit of 50 (an l1 axis): still sized to the need, 128,
  // but over the limit: not fitting, violation 100 / 50 - 1.
  SweepGrid l1_axis;
  l1_axis.axes = {{"l1", {50}}};
  const BufferCaps caps = BufferCapsOf(BufferPolicy::kFit, l1_axis, hw);
  EXPECT_EQ(caps.l1, 50);
  EXPECT_EQ(caps.l2, 0);  // no l2 axis: no limit
  DesignPoint capped =
      cosearch::MakeDesign(hw, l, BufferPolicy::kFit, caps, {});
  EXPECT_EQ(capped.hw.l1_size, 128);
  EXPECT_FALSE(capped.fig.fits);
  EXPECT_DOUBLE_EQ(capped.fig.violation, 1.0);
  l[1].costed = false;  // a layer not costed: incomplete, never feasible
  DesignPoint part = cosearch::MakeDesign(hw, l, BufferPolicy::kFit, none, {});
  EXPECT_FALSE(part.fig.complete);
  EXPECT_FALSE(part.fig.feasible);
}

// best.m through the .m evaluation path on the best hardware gives the
// reported runtime and energy exactly; the best meets the constraint; the
// budget holds; the notes count the evaluations.
void CheckReevaluates(BufferPolicy buffers,
                      DseObjective objective = DseObjective::kLatency) {
  const DseProblem p = Model("resnet18", 4);
  DseOptions o = SmallGrid(1, buffers);
  o.objective = objective;
  absl::StatusOr<CosearchRun> r = RunCosearchDetailed(p, o, Small());
  ASSERT_TRUE(r.ok()) << r.status();
  const DseResult& d = r->result;
  ASSERT_TRUE(d.found);
  EXPECT_LE(d.best.fig.area_um2, 1.3e6);
  EXPECT_EQ(PointOf(r->best_hw).l1_size, d.best.hw.l1_size);
  EXPECT_DOUBLE_EQ(d.best.fig.area_um2, AreaOf(r->best_hw));
  EXPECT_LE(r->screen_evals + r->inner_evals, r->budget_evals);
  EXPECT_EQ(d.screen_evals, r->screen_evals);
  EXPECT_EQ(d.inner_evals, r->inner_evals);
  EXPECT_EQ(r->grid_points, buffers == BufferPolicy::kFit ? 6 : 12);
  EXPECT_GT(d.points_evaluated, 1);
  EXPECT_FALSE(d.pareto.empty());
  absl::StatusOr<MappingFile> f = ParseMappingFile(d.best_mappings, "best.m");
  ASSERT_TRUE(f.ok()) << f.status();
  absl::StatusOr<NetworkResult> net =
      AnalyzeMappingFile(*f, r->best_hw, o.analysis);
  ASSERT_TRUE(net.ok()) << net.status();
  ASSERT_EQ(net->layers.size(), p.layers.size());
  EXPECT_EQ(net->totals.runtime_cycles, d.best.fig.runtime_cycles);
  EXPECT_EQ(net->totals.energy_pj, d.best.fig.energy_pj);
  for (const LayerResult& l : net->layers) {
    EXPECT_TRUE(l.fits_l1 && l.fits_l2) << l.name;
  }
  EXPECT_EQ(net->totals.peak_l1_size_req, d.best.fig.l1_size_req);
  EXPECT_EQ(net->totals.peak_l2_size_req, d.best.fig.l2_size_req);
  ASSERT_FALSE(d.notes.empty());
  EXPECT_NE(d.notes[0].find("inner mapping evaluations"), std::string::npos);
}

TEST(Cosearch, BestMReevaluatesFixedBuffers) {
  CheckReevaluates(BufferPolicy::kFixed);
}
TEST(Cosearch, BestMReevaluatesFitBuffers) {
  CheckReevaluates(BufferPolicy::kFit);
}
TEST(Cosearch, BestMReevaluatesEnergyAndEdp) {
  CheckReevaluates(BufferPolicy::kFit, DseObjective::kEnergy);
  CheckReevaluates(BufferPolicy::kFixed, DseObjective::kEdp);
}

std::string Fingerprint(const DseResult& r) {
  std::string s = r.best_mappings;
  for (const DesignPoint& d : r.pareto) {
    s += absl::StrCat(d.hw.pes, ",", d.hw.l1_size, ",", d.hw.l2_size, ",",
                      d.fig.runtime_cycles, ",", d.fig.energy_pj, ";");
  }
  for (const std::string& n : r.notes) s += n;
  return absl::StrCat(s, r.points_evaluated, ",", r.points_valid);
}

TEST(Cosearch, SameResultForAnyThreadCount) {
  const DseProblem p = Model("resnet18", 4);
  DseOptions o = SmallGrid(3);
  absl::StatusOr<CosearchRun> one = RunCosearchDetailed(p, o, Small());
  o.threads = 2;
  absl::StatusOr<CosearchRun> two = RunCosearchDetailed(p, o, Small());
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_EQ(Fingerprint(one->result), Fingerprint(two->result));
  EXPECT_EQ(one->inner_evals, two->inner_evals);
}

// An area cap below the grid's smallest design: the sweep's one message.
TEST(Cosearch, ImpossibleConstraintIsAnError) {
  const DseProblem p = Model("resnet18", 3);
  DseOptions o = SmallGrid(1);
  o.constraints.area_um2 = 1.0;  // below every point's MACs alone
  absl::StatusOr<CosearchRun> r = RunCosearchDetailed(p, o, Small());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(
      r.status().message().find("--constraint area<=1: no design can meet it"),
      std::string::npos)
      << r.status();
}

// Every grid point's bound misses the latency cap: nothing is searched.
TEST(Cosearch, LatencyNoPointCanMeetFindsNothing) {
  const DseProblem p = Model("resnet18", 3);
  DseOptions o = SmallGrid(1);
  o.constraints.latency_cycles = 1.0;
  absl::StatusOr<CosearchRun> r = RunCosearchDetailed(p, o, Small());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->result.found);
  EXPECT_EQ(r->result.points_evaluated, 0);
  EXPECT_EQ(r->pruned, 12);
  EXPECT_TRUE(r->result.best_mappings.empty());
}

TEST(Cosearch, BudgetBelowTheScreenIsAnError) {
  const DseProblem p = Model("resnet18", 3);
  DseOptions o = SmallGrid(1);
  o.budget_evals = 10;
  absl::StatusOr<CosearchRun> r = RunCosearchDetailed(p, o, Small());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(std::string(r.status().message()),
            "cosearch: --budget 10 evaluations is below the screen of 12 grid "
            "points (24 evaluations) plus one point searched with 100 "
            "evaluations per unique layer (200); expected at least 224");
}

TEST(Cosearch, StopFlagKeepsWhatWasFound) {
  const DseProblem p = Model("resnet18", 3);
  DseOptions o = SmallGrid(1);
  std::atomic<bool> stop{false};
  o.stop = &stop;
  int calls = 0;
  o.on_progress = [&](const DseProgress& pr) {
    if (++calls == 2) stop = true;  // Ctrl-C after the second point
    EXPECT_EQ(pr.points, calls);
    EXPECT_EQ(pr.budget_points, 3);  // 4 asked, 3 fit 100 evals per layer
  };
  absl::StatusOr<CosearchRun> r = RunCosearchDetailed(p, o, Small());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->result.stopped_early);
  EXPECT_EQ(r->visits.size(), 2u);
  EXPECT_FALSE(r->result.best_mappings.empty());
}

// With a budget for one point (the screen plus layer_evals per unique
// layer), cosearch searches the sweep's winner alone with the baseline's
// options: the same design, figure for figure.
TEST(Cosearch, OnePointBudgetIsSweepThenSearch) {
  const DseProblem p = Model("mobilenet_v2", 4);
  DseOptions o = SmallGrid(2);
  absl::StatusOr<SweepThenSearch> b =
      RunSweepThenSearch(p, o, Small().layer_evals);
  ASSERT_TRUE(b.ok()) << b.status();
  const int64_t unique = static_cast<int64_t>(b->search.first_of.size());
  o.budget_evals = b->sweep_evals + unique * Small().layer_evals;
  absl::StatusOr<CosearchRun> c = RunCosearchDetailed(p, o, Small());
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->visits.size(), 1u);
  EXPECT_EQ(c->screen_evals, b->sweep_evals);
  EXPECT_EQ(c->inner_evals, b->search_evals);
  EXPECT_EQ(c->result.best.hw.pes, b->design.hw.pes);
  EXPECT_EQ(c->result.best.hw.l1_size, b->design.hw.l1_size);
  EXPECT_EQ(c->result.best.hw.l2_size, b->design.hw.l2_size);
  EXPECT_EQ(c->result.best.fig.runtime_cycles, b->design.fig.runtime_cycles);
  EXPECT_EQ(c->result.best.fig.energy_pj, b->design.fig.energy_pj);
  EXPECT_EQ(c->visits[0].library.fig.runtime_cycles,
            b->sweep_winner.fig.runtime_cycles);
}

TEST(Cosearch, StopBeforeTheScreenSearchesNothing) {
  const DseProblem p = Model("resnet18", 3);
  DseOptions o = SmallGrid(1);
  std::atomic<bool> stop{true};
  o.stop = &stop;
  absl::StatusOr<CosearchRun> r = RunCosearchDetailed(p, o, Small());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->result.stopped_early);
  EXPECT_FALSE(r->result.found);
  EXPECT_EQ(r->grid_points, 0);
  EXPECT_EQ(r->result.points_evaluated, 0);
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2]
                      : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

// Issue 13's acceptance: over seeds 1..5, cosearch's network latency is no
// worse in the median than the sweep with nvdla followed by the mapping
// search on the sweep's winner with the same per-layer budget; every
// cosearch result is feasible.
void CompareWithSweepThenSearch(const std::string& model, size_t layers) {
  const DseProblem p = Model(model, layers);
  std::vector<double> co, base, iso;
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    const DseOptions o = SmallGrid(seed);
    absl::StatusOr<CosearchRun> c = RunCosearchDetailed(p, o, Small());
    absl::StatusOr<SweepThenSearch> b =
        RunSweepThenSearch(p, o, Small().layer_evals);
    ASSERT_TRUE(c.ok() && b.ok());
    ASSERT_TRUE(c->result.found);
    // The baseline at cosearch's cost: its search gets all of cosearch's
    // evaluations but the sweep's.
    const int64_t unique = static_cast<int64_t>(b->search.first_of.size());
    absl::StatusOr<SweepThenSearch> i = RunSweepThenSearch(
        p, o, (c->screen_evals + c->inner_evals - b->sweep_evals) / unique);
    ASSERT_TRUE(i.ok());
    co.push_back(static_cast<double>(c->result.best.fig.runtime_cycles));
    base.push_back(static_cast<double>(b->design.fig.runtime_cycles));
    iso.push_back(static_cast<double>(i->design.fig.runtime_cycles));
  }
  auto text = [](const std::vector<double>& v) {
    return absl::StrFormat("median %.0f [%.0f, %.0f]", Median(v),
                           *std::min_element(v.begin(), v.end()),
                           *std::max_element(v.begin(), v.end()));
  };
  std::printf(
      "%s: cosearch %s; sweep-then-search, same per-layer budget %s; at "
      "cosearch's cost %s\n",
      model.c_str(), text(co).c_str(), text(base).c_str(), text(iso).c_str());
  EXPECT_LE(Median(co), Median(base)) << model;
}

TEST(CosearchVsSweepThenSearch, Resnet18) {
  CompareWithSweepThenSearch("resnet18", 4);
}
TEST(CosearchVsSweepThenSearch, MobilenetV2) {
  CompareWithSweepThenSearch("mobilenet_v2", 4);
}
TEST(CosearchVsSweepThenSearch, Vgg16) {
  CompareWithSweepThenSearch("vgg16", 3);
}

}  // namespace
}  // namespace maestro::dse
