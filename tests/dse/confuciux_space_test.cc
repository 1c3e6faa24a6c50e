// ConfuciuX's problem: how a library dataflow is set to (PEs, level), the
// action table against a direct analysis, the budget's corners, and bad
// input (each one clear error).
#include <cmath>

#include "absl/strings/match.h"
#include "core/engine/analysis.h"
#include "dse/confuciux/confuciux.h"
#include "frontend/onnx_frontend.h"
#include "gtest/gtest.h"
#include "mappings/library.h"
#include "pipeline/model_run.h"
#include "tests/dse/confuciux_testlib.h"

namespace maestro::dse::confuciux {
namespace {

const Dataflow& Block(const char* name, const Layer& l) {
  const DataflowLibraryFile* f = (*DataflowLibrary::Builtin())->Find(name);
  return **DataflowForLayer(*f, l, LayerRole::kConv);
}

TEST(Parameterise, LevelOneAtManyPesIsTheLibraryDataflow) {
  const Layer l = test_support::Conv("c", 64, 32, 56, 3);
  for (const char* name : {"shidiannao", "nvdla", "eyeriss"}) {
    const Dataflow& df = Block(name, l);
    absl::StatusOr<Dataflow> p = ParameteriseDataflow(df, l, 128, 1);
    ASSERT_TRUE(p.ok()) << p.status();
    EXPECT_EQ(p->directives, df.directives) << name;
  }
}

TEST(Parameterise, ClustersClampToThePesAndTheLevelScalesTheKTile) {
  const Layer l = test_support::Conv("c", 64, 32, 56, 3);
  absl::StatusOr<Dataflow> p =
      ParameteriseDataflow(Block("shidiannao", l), l, 4, 5);
  ASSERT_TRUE(p.ok()) << p.status();
  // TemporalMap(1,1) K -> (5,5); Cluster(8, P) -> Cluster(4, P).
  EXPECT_EQ(p->directives[0].ToString(), "TemporalMap(5,5) K");
  EXPECT_EQ(p->directives[4].ToString(), "Cluster(4,P)");
  // eyeriss: TemporalMap(16,16) K x 12 = 192, capped at K = 64.
  p = ParameteriseDataflow(Block("eyeriss", l), l, 128, 12);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->directives[3].ToString(), "TemporalMap(64,64) K");
  // nvdla: SpatialMap(1,1) K -> (3,3); Cluster(64, P) -> Cluster(12, P).
  p = ParameteriseDataflow(Block("nvdla", l), l, 12, 3);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->directives[0].ToString(), "SpatialMap(3,3) K");
  EXPECT_EQ(p->directives[6].ToString(), "Cluster(12,P)");
}

TEST(Parameterise, DepthwiseTilesC) {
  Layer l = test_support::Conv("dw", 0, 32, 56, 3);
  l.type = LayerType::kDsconv;
  l.Set(Dim::kK, 0);
  absl::StatusOr<Dataflow> p =
      ParameteriseDataflow(Block("nvdla", l), l, 16, 4);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->directives[0].ToString(), "SpatialMap(4,4) C");
}

TEST(Parameterise, ABlockWithoutAMapOnTheTiledDimIsAnError) {
  const Layer l = test_support::Conv("c", 64, 32, 56, 3);
  Dataflow df = Block("shidiannao", l);
  df.directives.erase(df.directives.begin());  // TemporalMap(1,1) K
  absl::StatusOr<Dataflow> p = ParameteriseDataflow(df, l, 16, 2);
  ASSERT_FALSE(p.ok());
  EXPECT_TRUE(absl::StrContains(p.status().message(), "has no map on K"))
      << p.status();
}

TEST(ActionTable, AnEntryIsTheAnalysisOfTheParameterisedDataflow) {
  const DseProblem p = ExampleProblem("shidiannao");
  absl::StatusOr<ActionTable> t = BuildActionTable(p, {}, 1);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->unique.size(), 2u);
  EXPECT_EQ(t->engine_evals, 288);
  const Layer& l = p.layers[1].layer;
  Hardware hw = p.base;
  hw.num_pes = 24;
  hw.l1_size = hw.l2_size = 819200000;
  const Dataflow df = *ParameteriseDataflow(Block("shidiannao", l), l, 24, 7);
  const LayerResult r = *AnalyzeLayer(l, *ResolveDataflow(df, l, hw), hw, {});
  const ActionCost& c = t->At(1, ActionOf(6, 7));  // kPeChoices[6] = 24
  ASSERT_TRUE(c.ok);
  EXPECT_EQ(c.runtime_cycles, r.runtime_cycles);
  EXPECT_EQ(c.energy_pj, r.energy_pj);
  EXPECT_EQ(c.l1_req, r.l1_size_req);
  EXPECT_EQ(c.l2_req, r.l2_size_req);
  const AreaEstimate a = EstimateArea(hw, MakeAreaModel(hw.area_model),
                                      {r.l1_size_req, r.l2_size_req});
  EXPECT_EQ(c.area_um2, a.total_um2);
  // More PEs at the same level: fewer cycles here (a compute-bound layer).
  EXPECT_LT(t->At(1, ActionOf(11, 7)).runtime_cycles, c.runtime_cycles);
}

TEST(ActionTable, SameForAnyThreadCount) {
  const DseProblem p = ExampleProblem("eyeriss");
  const ActionTable a = *BuildActionTable(p, {}, 1);
  const ActionTable b = *BuildActionTable(p, {}, 2);
  for (size_t u = 0; u < a.unique.size(); ++u) {
    for (int k = 0; k < kActions; ++k) {
      EXPECT_EQ(a.unique[u][k].runtime_cycles, b.unique[u][k].runtime_cycles);
      EXPECT_EQ(a.unique[u][k].area_um2, b.unique[u][k].area_um2);
    }
  }
}

TEST(AssignmentSpace, BudgetIsMinPlusFractionOfTheGap) {
  const DseProblem p = ExampleProblem("shidiannao");
  const ActionTable t = *BuildActionTable(p, {}, 2);
  for (AssignmentReading reading :
       {AssignmentReading::kSum, AssignmentReading::kMax}) {
    const AssignmentSpace s = *AssignmentSpace::Make(
        t, p.base, reading, DseObjective::kLatency, 0.25);
    const double small =
        s.Cost(Assignment(2, static_cast<uint8_t>(ActionOf(0, 1)))).area_um2;
    const double large =
        s.Cost(Assignment(2, static_cast<uint8_t>(ActionOf(11, 12)))).area_um2;
    EXPECT_LE(s.min_area(), small);
    EXPECT_GE(s.max_area(), large);
    EXPECT_DOUBLE_EQ(s.budget(),
                     s.min_area() + 0.25 * (s.max_area() - s.min_area()));
  }
  // The sum reading adds the two sub-accelerators' areas.
  const AssignmentSpace sum = *AssignmentSpace::Make(
      t, p.base, AssignmentReading::kSum, DseObjective::kLatency, 0.5);
  const Assignment a = {static_cast<uint8_t>(ActionOf(3, 2)),
                        static_cast<uint8_t>(ActionOf(5, 9))};
  EXPECT_DOUBLE_EQ(sum.Cost(a).area_um2,
                   t.At(0, a[0]).area_um2 + t.At(1, a[1]).area_um2);
  EXPECT_EQ(sum.Cost(a).runtime_cycles,
            t.At(0, a[0]).runtime_cycles + t.At(1, a[1]).runtime_cycles);
}

TEST(AssignmentSpace, MaxReadingIsOneSharedAcceleratorAndEnergyAnObjective) {
  const DseProblem p = ExampleProblem("shidiannao");
  const ActionTable t = *BuildActionTable(p, {}, 2);
  const AssignmentSpace s = *AssignmentSpace::Make(
      t, p.base, AssignmentReading::kMax, DseObjective::kEnergy, 0.5);
  const Assignment a = {static_cast<uint8_t>(ActionOf(3, 2)),
                        static_cast<uint8_t>(ActionOf(5, 9))};
  const AssignmentCost c = s.Cost(a);
  EXPECT_EQ(c.pes, 16);  // max(8, 16)
  EXPECT_EQ(c.l1_size, std::max(t.At(0, a[0]).l1_req, t.At(1, a[1]).l1_req));
  EXPECT_EQ(c.l2_size, std::max(t.At(0, a[0]).l2_req, t.At(1, a[1]).l2_req));
  Hardware hw = p.base;
  hw.num_pes = 16;
  EXPECT_EQ(c.area_um2, EstimateArea(hw, MakeAreaModel(hw.area_model),
                                     {c.l1_size, c.l2_size})
                            .total_um2);
  EXPECT_EQ(s.Objective(c), c.energy_pj);
  EXPECT_DOUBLE_EQ(c.energy_pj,
                   t.At(0, a[0]).energy_pj + t.At(1, a[1]).energy_pj);
}

// MobileNet-V2 (conv, depthwise and FC layers) under ConfuciuX's three
// dataflows: the table builds, and the all-smallest and all-largest
// assignments (the budget's corners) cost.
TEST(ActionTable, MobilenetV2UnderShiDlaEye) {
  absl::StatusOr<frontend::ExtractedModel> m = frontend::LoadOnnxModel(
      std::string(MO_SOURCE_DIR) + "/models/mobilenet_v2.onnx", {});
  ASSERT_TRUE(m.ok()) << m.status();
  DseProblem p;
  p.layers = JobLayersFromModel(*m);
  p.base = *HardwarePreset("pe256");
  for (const char* df : {"shidiannao", "nvdla", "eyeriss"}) {
    p.dataflow = df;
    absl::StatusOr<ActionTable> t = BuildActionTable(p, {}, 2);
    ASSERT_TRUE(t.ok()) << df << ": " << t.status();
    int failed = 0;
    for (const auto& row : t->unique)
      for (const ActionCost& c : row) failed += !c.ok;
    std::printf("%s: %zu layers, %zu unique, %d of %zu actions not costed\n",
                df, t->layers.size(), t->unique.size(), failed,
                t->unique.size() * kActions);
    absl::StatusOr<AssignmentSpace> s = AssignmentSpace::Make(
        *t, p.base, AssignmentReading::kSum, DseObjective::kLatency, 0.5);
    EXPECT_TRUE(s.ok()) << df << ": " << s.status();
  }
}

// Each bad input: an error (not a crash, not a silent default) that says
// what was found and what is expected.
TEST(BadInput, OneClearErrorEach) {
  const DseProblem p = ExampleProblem("shidiannao");
  auto error_of = [](const DseProblem& prob, const DseOptions& o) {
    absl::StatusOr<DseResult> r = RunConfuciux(prob, o);
    return r.ok() ? std::string("ok") : std::string(r.status().message());
  };
  DseOptions o;
  o.strategy = DseStrategy::kRlGa;
  o.budget_evals = 50;
  for (double f : {0.0, -0.5, 1.5, std::nan("")}) {
    o.budget_fraction = f;
    EXPECT_TRUE(absl::StrContains(error_of(p, o), "outside (0, 1]")) << f;
  }
  o.budget_fraction = 1.0;
  EXPECT_EQ(error_of(p, o), "ok");
  o.budget_evals = -1;
  EXPECT_TRUE(absl::StrContains(error_of(p, o), "expected a positive number"));
  o.budget_evals = 50;
  o.objective = DseObjective::kEdp;
  EXPECT_TRUE(absl::StrContains(error_of(p, o), "latency or energy"));
  o.objective = DseObjective::kLatency;
  o.strategy = DseStrategy::kSweep;
  EXPECT_TRUE(absl::StrContains(error_of(p, o), "rl-ga, ga or random"));
  o.strategy = DseStrategy::kGa;
  DseProblem unknown = p;
  unknown.dataflow = "no_such_dataflow";
  EXPECT_NE(error_of(unknown, o), "ok");
  DseProblem two = p;
  two.dataflow = "nvdla,eyeriss";
  EXPECT_TRUE(absl::StrContains(error_of(two, o), "expected exactly one"));
  DseProblem empty = p;
  empty.layers.clear();
  EXPECT_TRUE(absl::StrContains(error_of(empty, o), "no layers"));
  // A layer type the dataflow has no block for (shidiannao has no GEMM).
  DseProblem gemm = p;
  Layer g;
  g.name = "gemm0";
  g.type = LayerType::kGemm;
  g.Set(Dim::kM, 64).Set(Dim::kN, 64).Set(Dim::kK, 64);
  gemm.layers[1].layer = g;
  const std::string e = error_of(gemm, o);
  EXPECT_TRUE(absl::StrContains(e, "GEMM")) << e;
}

}  // namespace
}  // namespace maestro::dse::confuciux
