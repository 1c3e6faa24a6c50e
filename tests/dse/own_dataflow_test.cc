// `dse --dataflow own`: a sweep costing every layer of a MAESTRO `.m` file
// under its own Dataflow block gives at every grid point the figures of
// `maestro-onnx eval FILE.m` at that hardware (AnalyzeMappingFile, what
// eval runs); best.m read back and evaluated gives the best design's
// figures; a layer without a block is left out (PARTIAL), one inheriting
// the block before is costed; `own` with an ONNX model or another strategy
// is refused.
#include <fstream>
#include <string>

#include "core/dsl/parser.h"
#include "core/engine/network.h"
#include "dse/dse.h"
#include "dse/problem.h"
#include "dse/sweep.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/core/tool_process_testlib.h"

namespace maestro::dse {
namespace {

using ::testing::HasSubstr;
const std::string kRoot = MO_SOURCE_DIR;
const std::string kVgg =
    kRoot + "/tests/data/maestro/inputs/mapping/vgg16_ckp_ws.m";

DseProblem LoadOwn(const std::string& path) {
  absl::StatusOr<DseProblem> p =
      LoadDseProblem(path, "own", *HardwarePreset("pe256"), {}, nullptr);
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? *std::move(p) : DseProblem();
}

DseOptions Options(const std::string& grid, Semantics semantics) {
  DseOptions o;
  o.grid = *ParseSweepGrid(grid);
  o.analysis.semantics = semantics;
  o.keep_ranked = 1000;  // every valid point
  return o;
}

// What `maestro-onnx eval` gives for `file` on `hw`.
NetworkTotals Eval(const MappingFile& file, const Hardware& hw,
                   Semantics semantics) {
  AnalysisOptions ao;
  ao.semantics = semantics;
  absl::StatusOr<NetworkResult> n = AnalyzeMappingFile(file, hw, ao);
  EXPECT_TRUE(n.ok()) << n.status();
  return n.ok() ? n->totals : NetworkTotals();
}

void ExpectSameAsEval(const DesignPoint& d, const NetworkTotals& t) {
  SCOPED_TRACE(::testing::Message() << "pes=" << d.hw.pes << " noc_bw="
                                    << d.hw.noc_bw << " l1=" << d.hw.l1_size);
  EXPECT_EQ(d.fig.runtime_cycles, t.runtime_cycles);
  EXPECT_DOUBLE_EQ(d.fig.energy_pj, t.energy_pj);
  EXPECT_EQ(d.fig.l1_size_req, t.peak_l1_size_req);
  EXPECT_EQ(d.fig.l2_size_req, t.peak_l2_size_req);
}

class OwnSemantics : public ::testing::TestWithParam<Semantics> {};

TEST_P(OwnSemantics, EveryPointIsEvalsFigures) {
  const DseProblem p = LoadOwn(kVgg);
  ASSERT_EQ(p.own.size(), 13u);
  const DseOptions o =
      Options("pes=64|256,l1=1024|4096,noc_bw=16|64", GetParam());
  absl::StatusOr<DseResult> r = RunDse(p, o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->partial);
  EXPECT_EQ(r->points_evaluated, 8);
  ASSERT_EQ(r->points_valid, 8);
  ASSERT_EQ(r->ranked.size(), 8u);
  absl::StatusOr<MappingFile> file = LoadMappingFile(kVgg);
  ASSERT_TRUE(file.ok()) << file.status();
  for (const DesignPoint& d : r->ranked) {
    ExpectSameAsEval(d, Eval(*file, ApplyPoint(p.base, d.hw), GetParam()));
  }
  // The figures differ across the grid (not one number eight times).
  EXPECT_NE(r->ranked.front().fig.runtime_cycles,
            r->ranked.back().fig.runtime_cycles);
}

TEST(OwnDataflow, BestMappingsAreTheFilesBlocks) {
  const DseProblem p = LoadOwn(kVgg);
  absl::StatusOr<DseResult> r =
      RunDse(p, Options("pes=64|256,noc_bw=16|64", Semantics::kExact));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_THAT(r->best_mappings,
              HasSubstr("dataflow own (each layer's Dataflow block in "
                        "vgg16_ckp_ws.m)"));
  absl::StatusOr<MappingFile> best =
      ParseMappingFile(r->best_mappings, "best.m");
  ASSERT_TRUE(best.ok()) << best.status();
  ASSERT_EQ(best->layers.size(), 13u);
  ExpectSameAsEval(
      r->best, Eval(*best, ApplyPoint(p.base, r->best.hw), Semantics::kExact));
}

// Writes `text` to a file under the test's temporary directory.
std::string WriteFile(const std::string& name, const std::string& text) {
  // Per process: ctest -j and other build trees run these side by side.
  const std::string path = test_support::ProcessTempDir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

constexpr char kBlock[] =
    "Dataflow { SpatialMap(1,1) K; TemporalMap(3,3) C; TemporalMap(3,3) R; "
    "TemporalMap(3,3) S; TemporalMap(3,1) Y; TemporalMap(3,1) X; }\n";

std::string Layer(const std::string& name, bool block) {
  return "Layer " + name +
         " { Type: CONV\nDimensions { K 16, C 8, R 3, S 3, Y 10, X 10 }\n" +
         (block ? kBlock : "") + "}\n";
}

TEST(OwnDataflow, LayerWithoutBlockIsLeftOutInheritedOneCosted) {
  // L0 has no block (left out); L2 inherits L1's (costed, as eval reads it).
  const std::string path = WriteFile(
      "own_partial.m", "Network n {\n" + Layer("L0", false) +
                           Layer("L1", true) + Layer("L2", false) + "}\n");
  const DseProblem p = LoadOwn(path);
  ASSERT_EQ(p.own.size(), 3u);
  EXPECT_FALSE(p.own[0].has_value());
  EXPECT_TRUE(p.own[2].has_value());
  absl::StatusOr<DseResult> r =
      RunDse(p, Options("pes=8|16,noc_bw=4|32", Semantics::kExact));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->partial);
  ASSERT_FALSE(r->notes.empty());
  EXPECT_THAT(r->notes[0], HasSubstr("PARTIAL: 1 of 3 layers not costed "
                                     "under own;"));
  EXPECT_THAT(r->notes[0], HasSubstr("(first: L0: no Dataflow block"));
  ASSERT_EQ(r->ranked.size(), 4u);
  // eval of the file without L0 (its first layer then has the block).
  const std::string rest =
      WriteFile("own_rest.m", "Network n {\n" + Layer("L1", true) +
                                  Layer("L2", false) + "}\n");
  absl::StatusOr<MappingFile> file = LoadMappingFile(rest);
  ASSERT_TRUE(file.ok()) << file.status();
  for (const DesignPoint& d : r->ranked) {
    ExpectSameAsEval(d,
                     Eval(*file, ApplyPoint(p.base, d.hw), Semantics::kExact));
  }
}

// Under maestro semantics eval builds a layer type's tensors with or
// without N from its first layer (TensorBatchFlags): L2's N 2 is left out
// of its tensors there, kept under exact; the sweep reads it the same way.
TEST_P(OwnSemantics, BatchDimAsEvalReadsIt) {
  std::string l2 = Layer("L2", true);
  l2.replace(l2.find("K 16"), 4, "N 2, K 16");
  const std::string path = WriteFile(
      "own_batch.m", "Network n {\n" + Layer("L1", true) + l2 + "}\n");
  const DseProblem p = LoadOwn(path);
  absl::StatusOr<DseResult> r =
      RunDse(p, Options("pes=8|16,noc_bw=4|32", GetParam()));
  ASSERT_TRUE(r.ok()) << r.status();
  absl::StatusOr<MappingFile> file = LoadMappingFile(path);
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_EQ(r->ranked.size(), 4u);
  for (const DesignPoint& d : r->ranked) {
    ExpectSameAsEval(d, Eval(*file, ApplyPoint(p.base, d.hw), GetParam()));
  }
}

TEST(OwnDataflow, FileWithoutBlocksIsAnError) {
  const std::string path =
      WriteFile("own_none.m", "Network n {\n" + Layer("L0", false) + "}\n");
  const DseProblem p = LoadOwn(path);
  absl::StatusOr<DseResult> r =
      RunDse(p, Options("pes=8|16", Semantics::kExact));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              HasSubstr("no layer of own_none is costed under own"));
}

TEST(OwnDataflow, RefusedWithOnnxOrAnotherStrategy) {
  absl::StatusOr<DseProblem> onnx =
      LoadDseProblem(kRoot + "/models/resnet18.onnx", "own",
                     *HardwarePreset("pe256"), {}, nullptr);
  ASSERT_FALSE(onnx.ok());
  EXPECT_THAT(onnx.status().message(),
              HasSubstr("is an ONNX model, which has no Dataflow blocks"));
  const DseProblem p = LoadOwn(kVgg);
  for (DseStrategy s : {DseStrategy::kRlGa, DseStrategy::kGa,
                        DseStrategy::kRandom, DseStrategy::kCosearch}) {
    DseOptions o = Options("pes=64|256", Semantics::kExact);
    o.strategy = s;
    absl::StatusOr<DseResult> r = RunDse(p, o);
    ASSERT_FALSE(r.ok()) << DseStrategyName(s);
    EXPECT_THAT(r.status().message(),
                HasSubstr("--dataflow own with --strategy "));
  }
}

TEST(OwnDataflow, NoteSaysOwnUnlessOwnIsAsked) {
  std::string note;
  ASSERT_TRUE(
      LoadDseProblem(kVgg, "nvdla", *HardwarePreset("pe256"), {}, &note).ok());
  EXPECT_THAT(note, HasSubstr("--dataflow own costs the file's own blocks"));
  ASSERT_TRUE(
      LoadDseProblem(kVgg, "own", *HardwarePreset("pe256"), {}, &note).ok());
  EXPECT_EQ(note, "");
}

INSTANTIATE_TEST_SUITE_P(Dse, OwnSemantics,
                         ::testing::Values(Semantics::kExact,
                                           Semantics::kMaestro));

}  // namespace
}  // namespace maestro::dse
