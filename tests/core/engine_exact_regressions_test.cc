// Issue 8's exact-semantics examples, from the mapping files in
// tests/data/exact/: the numbers of the step-by-step walk
// (engine_enumerator_testlib.h), mappings refused for computing points twice
// or leaving them out, and a fallback that still needs its L1.
#include <gtest/gtest.h>

#include <string>

#include "core/dsl/parser.h"
#include "core/engine/analysis.h"
#include "gmock/gmock.h"
#include "tests/core/engine_enumerator_testlib.h"

namespace maestro {
namespace {

using ::testing::HasSubstr;

const std::string kData = std::string(MO_SOURCE_DIR) + "/tests/data/exact/";

Hardware Pes(int64_t n) {
  Hardware hw = *HardwarePreset("pe256");
  hw.num_pes = n;
  return hw;
}

struct Analysed {
  Layer layer;
  ResolvedMapping mapping;
  LayerResult result;
  test::Enumerated walk;
};

Analysed Analyze(const std::string& file, const Hardware& hw) {
  Analysed run;
  absl::StatusOr<MappingFile> f = LoadMappingFile(kData + file);
  EXPECT_TRUE(f.ok()) << f.status();
  if (!f.ok()) return run;
  run.layer = f->layers[0].layer;
  absl::StatusOr<ResolvedMapping> m =
      ResolveDataflow(f->layers[0].dataflow, run.layer, hw);
  EXPECT_TRUE(m.ok()) << m.status();
  if (!m.ok()) return run;
  run.mapping = *m;
  absl::StatusOr<LayerResult> r =
      AnalyzeLayer(run.layer, run.mapping, hw, AnalysisOptions{});
  EXPECT_TRUE(r.ok()) << r.status();
  if (r.ok()) run.result = *r;
  absl::StatusOr<test::Enumerated> e =
      test::EnumerateMapping(run.layer, run.mapping);
  EXPECT_TRUE(e.ok()) << e.status();
  if (e.ok()) run.walk = *e;
  return run;
}

void ExpectWalk(const Analysed& r) {
  EXPECT_EQ(r.result.macs_model, r.walk.macs);
  EXPECT_EQ(r.result.access[kInput].l2_read, r.walk.l2_read[0]);
  EXPECT_EQ(r.result.access[kFilter].l2_read, r.walk.l2_read[1]);
  EXPECT_EQ(r.result.access[kOutput].l2_write, r.walk.output_l2_write);
  EXPECT_EQ(r.result.access[kInput].l1_write, r.walk.l1_write[0]);
  EXPECT_EQ(r.result.access[kFilter].l1_write, r.walk.l1_write[1]);
  for (int t = 0; t < kNumTensors; ++t) {
    EXPECT_EQ(r.result.l1_size_req_tensor[t], 2 * r.walk.pe_need[t]);
  }
}

// CONV, stride X 2, S 2 over 2 PEs, X 4 -> 2 output columns: PE s reads
// input columns s and s + 2 (4 input elements into the PEs, none shared),
// the two partial sums of each output are reduced on the way up (2
// outputs); one step of 2 MACs per PE plus the ingress of 6 elements at
// latency 1: 3 cycles. L1 per PE 2 x (2 input + 1 filter + 2 output) = 10;
// L2 2 x (4 + 2 + 2) = 16. (The fallback said 8, 4, 5 and 18 / 20.)
TEST(EngineExactRegressions, PartialFilterNarrowerThanTheStride) {
  const Analysed r = Analyze("partial_s_stride.m", Pes(2));
  EXPECT_TRUE(r.result.loop_nest) << r.result.exact_fallback;
  EXPECT_EQ(r.result.access[kInput].l1_write, 4);
  EXPECT_EQ(r.result.access[kOutput].l2_write, 2);
  EXPECT_EQ(r.result.runtime_cycles, 3);
  EXPECT_EQ(r.result.l1_size_req, 10);
  EXPECT_EQ(r.result.l2_size_req, 16);
  ExpectWalk(r);
}

// DSCONV, one output row over two clusters (the second idle), S = 2
// narrower than the stride 2 below: a PE needs 22 elements of L1 with 2 PEs
// and with 1 (the fallback said 0 and 54).
TEST(EngineExactRegressions, IdleTopLevelUnit) {
  for (int64_t pes : {2, 1}) {
    const Analysed r = Analyze("idle_unit.m", Pes(pes));
    EXPECT_TRUE(r.result.loop_nest) << r.result.exact_fallback;
    EXPECT_EQ(r.result.l1_size_req, 22) << pes << " PEs";
    ExpectWalk(r);
  }
}

// Outside the loop-nest analysis (two maps on C at the sub-level) with an
// idle top-level unit: the L1 need is the largest of the innermost
// analyses', not the first one's (the idle unit's, 0).
TEST(EngineExactRegressions, FallbackL1NeedIsNotTheIdleUnits) {
  Layer l;
  l.name = "L1";
  l.type = LayerType::kDsconv;
  l.Set(Dim::kC, 1).Set(Dim::kR, 3).Set(Dim::kS, 2);
  l.Set(Dim::kY, 4).Set(Dim::kX, 4);
  l.stride_y = l.stride_x = 2;
  auto map = [](DirectiveKind k, int64_t s, int64_t o, Dim d) {
    return Map{k, s, o, d};
  };
  constexpr DirectiveKind kS = DirectiveKind::kSpatialMap;
  constexpr DirectiveKind kT = DirectiveKind::kTemporalMap;
  ResolvedMapping m;
  m.levels.push_back({2, {map(kS, 1, 1, Dim::kYo)}, {}});
  m.levels.push_back(
      {1,
       {map(kS, 1, 1, Dim::kS), map(kT, 2, 2, Dim::kC), map(kT, 1, 1, Dim::kC)},
       {}});
  Hardware hw = Pes(2);
  hw.l1_size = 21;
  absl::StatusOr<LayerResult> r = AnalyzeLayer(l, m, hw, AnalysisOptions{});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->loop_nest);
  EXPECT_EQ(r->exact_fallback, "two maps on C at one level");
  EXPECT_TRUE(r->ExactFallback());
  EXPECT_GT(r->l1_size_req, 0);
  EXPECT_FALSE(r->fits_l1);
  EXPECT_EQ(r->macs, 12);
}

// Refused: TemporalMap(3,2) Y with R = 3 is one output row advancing by 2
// (rows 0 and 2 of 4 computed: 6 of 12 MACs); overlapping M tiles; two
// SpatialMaps over independent dims. Under maestro semantics the first is
// MAESTRO's reading, accepted with the same text as a warning.
TEST(EngineExactRegressions, MappingsThatDoNotComputeEveryPointOnce) {
  struct Case {
    const char* file;
    int64_t pes;
    const char* error;
  };
  const Case cases[] = {
      {"gap_y.m", 1,
       "gap_y.m:8:7: error: TemporalMap(3,2) Y in layer 'L1' (CONV) at "
       "cluster level 0 puts output rows 1, 3 in no tile (tiles of 1 output "
       "row advancing by 2 over 4 cover 0, 2 only), so they are never "
       "computed"},
      {"gemm_overlap.m", 2,
       "gemm_overlap.m:7:7: error: TemporalMap(2,1) M in layer 'L1' (GEMM) "
       "at cluster level 0 puts M indices 1, 2 in more than one tile (tiles "
       "of 2 indices advancing by 1 over 4), so they are computed more than "
       "once"},
      {"two_spatial.m", 4,
       "two_spatial.m:9:7: error: SpatialMap(1,1) C in layer 'L1' (CONV) and "
       "SpatialMap(1,1) K at cluster level 0 advance together over its 4 "
       "units"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<MappingFile> f = LoadMappingFile(kData + c.file);
    ASSERT_TRUE(f.ok()) << f.status();
    const MappedLayer& ml = f->layers[0];
    absl::StatusOr<ResolvedMapping> m =
        ResolveDataflow(ml.dataflow, ml.layer, Pes(c.pes));
    ASSERT_FALSE(m.ok()) << c.file;
    EXPECT_THAT(std::string(m.status().message()), HasSubstr(c.error));
    ResolveOptions lenient;
    lenient.coverage = CoverageCheck::kWarning;
    m = ResolveDataflow(ml.dataflow, ml.layer, Pes(c.pes), lenient);
    ASSERT_TRUE(m.ok()) << m.status();
    ASSERT_EQ(m->warnings.size(), 1u);
    std::string warning = c.error;
    warning.replace(warning.find("error:"), 6, "warning:");
    EXPECT_THAT(m->warnings[0], HasSubstr(warning));
    // What the walk says the mapping does.
    absl::StatusOr<test::Enumerated> e = test::EnumerateMapping(ml.layer, *m);
    ASSERT_TRUE(e.ok()) << e.status();
    EXPECT_TRUE(e->min_point != 1 || e->max_point != 1) << c.file;
  }
  // gap_y: 6 of the 12 MACs.
  absl::StatusOr<MappingFile> f = LoadMappingFile(kData + "gap_y.m");
  ASSERT_TRUE(f.ok());
  ResolveOptions lenient;
  lenient.coverage = CoverageCheck::kWarning;
  absl::StatusOr<ResolvedMapping> m = ResolveDataflow(
      f->layers[0].dataflow, f->layers[0].layer, Pes(1), lenient);
  ASSERT_TRUE(m.ok());
  absl::StatusOr<test::Enumerated> e =
      test::EnumerateMapping(f->layers[0].layer, *m);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->macs, 6);
  EXPECT_EQ(AnalyticMacs(f->layers[0].layer), 12);
}

}  // namespace
}  // namespace maestro
