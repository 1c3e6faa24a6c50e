// Expr, Directive and ResolveDataflow (core/mapping.h).
#include "core/dsl/parser.h"
#include "core/hardware.h"
#include "core/mapping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace maestro {
namespace {

using ::testing::HasSubstr;

Layer Conv(int64_t k, int64_t c, int64_t r, int64_t y, int64_t stride = 1) {
  Layer l;
  l.name = "L";
  l.type = LayerType::kConv;
  l.Set(Dim::kK, k).Set(Dim::kC, c).Set(Dim::kR, r).Set(Dim::kS, r);
  l.Set(Dim::kY, y).Set(Dim::kX, y);
  l.stride_y = l.stride_x = stride;
  return l;
}

TEST(DslExpr, EvalAndPrint) {
  Layer l = Conv(64, 3, 7, 230, 2);
  using Op = Expr::Op;
  // (8-1)*stride + S = 7*2+7 = 21
  Expr tile = Expr::Binary(
      Op::kAdd, Expr::Binary(Op::kMul, Expr::Const(7), Expr::Stride(Dim::kX)),
      Expr::Sz(Dim::kS));
  EXPECT_EQ(*tile.Eval(l), 21);
  EXPECT_EQ(tile.ToString(), "7*Stride(X)+Sz(S)");
  EXPECT_FALSE(tile.IsPlainMaestro());
  EXPECT_TRUE(Expr::Sz(Dim::kR).IsPlainMaestro());
  EXPECT_TRUE(Expr::Const(3).IsPlainMaestro());
  // Right operands of equal precedence keep their parentheses.
  Expr sub =
      Expr::Binary(Op::kSub, Expr::Const(10),
                   Expr::Binary(Op::kSub, Expr::Const(4), Expr::Const(3)));
  EXPECT_EQ(sub.ToString(), "10-(4-3)");
  EXPECT_EQ(*sub.Eval(l), 9);
  Expr mix = Expr::Binary(
      Op::kMul, Expr::Binary(Op::kAdd, Expr::Const(1), Expr::Const(2)),
      Expr::Const(3));
  EXPECT_EQ(mix.ToString(), "(1+2)*3");
  EXPECT_EQ(*mix.Eval(l), 9);
  // Floor division, min/max, Sz(Y') = output extent (230-7)/2+1 = 112.
  EXPECT_EQ(*Expr::Binary(Op::kDiv, Expr::Const(-7), Expr::Const(2)).Eval(l),
            -4);
  EXPECT_EQ(*Expr::Binary(Op::kMin, Expr::Sz(Dim::kC), Expr::Const(64)).Eval(l),
            3);
  EXPECT_EQ(
      Expr::Binary(Op::kMax, Expr::Sz(Dim::kC), Expr::Const(64)).ToString(),
      "max(Sz(C),64)");
  EXPECT_EQ(*Expr::Sz(Dim::kYo).Eval(l), 112);
  EXPECT_EQ(*Expr::Sz(Dim::kN).Eval(l), 1);  // absent batch
  EXPECT_FALSE(Expr::Sz(Dim::kM).Eval(l).ok());
}

TEST(DslExpr, CheckedArithmetic) {
  Layer l = Conv(1, 1, 1, 1);
  using Op = Expr::Op;
  absl::StatusOr<int64_t> v =
      Expr::Binary(Op::kDiv, Expr::Const(1), Expr::Const(0)).Eval(l);
  ASSERT_FALSE(v.ok());
  EXPECT_THAT(std::string(v.status().message()), HasSubstr("division by zero"));
  Expr big = Expr::Const(int64_t{1} << 40);
  v = Expr::Binary(Op::kMul, big, Expr::Binary(Op::kMul, big, big)).Eval(l);
  ASSERT_FALSE(v.ok());
  EXPECT_THAT(std::string(v.status().message()), HasSubstr("overflow"));
}

TEST(DslDirective, EqualityIgnoresLocation) {
  Directive a = Directive::Temporal(Expr::Sz(Dim::kR), Expr::Const(1), Dim::kY);
  Directive b = a;
  b.loc.line = 12;
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.ToString(), "TemporalMap(Sz(R),1) Y");
  b.kind = DirectiveKind::kSpatialMap;
  EXPECT_FALSE(a == b);
  Directive c = Directive::Cluster(Expr::Const(8));
  EXPECT_EQ(c.ToString(), "Cluster(8,P)");
  c.logical = true;
  EXPECT_EQ(c.ToString(), "Cluster(8,L)");
}

// Parses a one-layer network with the given dimensions and directives.
MappedLayer One(const std::string& type, const std::string& dims,
                const std::string& directives, const std::string& extra = "") {
  std::string text = "Network n {\nLayer L1 {\nType: " + type + "\n" + extra +
                     "Dimensions { " + dims + " }\nDataflow {\n" + directives +
                     "}\n}\n}\n";
  absl::StatusOr<MappingFile> f = ParseMappingFile(text, "t.m");
  EXPECT_TRUE(f.ok()) << f.status();
  return f.ok() ? f->layers[0] : MappedLayer();
}

constexpr char kConvDims[] = "K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10";

TEST(DslResolve, SplitsAtClustersAndCountsUnits) {
  MappedLayer ml = One("CONV", kConvDims,
                       "SpatialMap(1,1) K;\nTemporalMap(Sz(R),1) Y;\n"
                       "Cluster(8, P);\nSpatialMap(1,1) C;\n"
                       "Cluster(2, P);\nSpatialMap(1,1) X';\n");
  Hardware hw = *HardwarePreset("pe256");
  absl::StatusOr<ResolvedMapping> m =
      ResolveDataflow(ml.dataflow, ml.layer, hw);
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->levels.size(), 3u);
  EXPECT_EQ(m->levels[0].num_units, 16);  // 256 / (8*2)
  EXPECT_EQ(m->levels[1].num_units, 8);
  EXPECT_EQ(m->levels[2].num_units, 2);
  EXPECT_EQ(m->levels[0].maps[1],
            (Map{DirectiveKind::kTemporalMap, 3, 1, Dim::kY}));
  EXPECT_EQ(m->levels[2].maps[0],
            (Map{DirectiveKind::kSpatialMap, 1, 1, Dim::kXo}));
  EXPECT_EQ(m->levels[0].locs[1].line, 7);
  EXPECT_EQ(m->levels[0].locs[1].column, 1);
  hw.num_pes = 20;  // floor(20 / 16)
  EXPECT_EQ(ResolveDataflow(ml.dataflow, ml.layer, hw)->levels[0].num_units, 1);
}

struct BadCase {
  const char* name;
  const char* type;
  const char* dims;
  const char* directives;
  const char* message;
};

class DslResolveErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(DslResolveErrors, Diagnoses) {
  const BadCase& c = GetParam();
  MappedLayer ml = One(c.type, c.dims, c.directives);
  absl::StatusOr<ResolvedMapping> m =
      ResolveDataflow(ml.dataflow, ml.layer, *HardwarePreset("pe64"));
  ASSERT_FALSE(m.ok()) << c.name;
  EXPECT_EQ(std::string(m.status().message()), c.message);
}

INSTANTIATE_TEST_SUITE_P(
    All, DslResolveErrors,
    ::testing::Values(
        BadCase{
            "cluster_too_big", "CONV", kConvDims,
            "SpatialMap(1,1) K;\nCluster(16,P);\nSpatialMap(1,1) C;\n"
            "Cluster(8,P);\nSpatialMap(1,1) Y;\n",
            "t.m:9:1: error: Cluster(8,P) in layer 'L1' (CONV): the clusters "
            "hold 16 x 8 PEs, more than the 64 PEs of the hardware 'pe64'; "
            "expected a product of cluster sizes <= 64"},
        BadCase{
            "offset_gt_size", "CONV", kConvDims, "SpatialMap(2,4) K;\n",
            "t.m:6:1: error: SpatialMap(2,4) K in layer 'L1' (CONV) has offset "
            "4 > size 2, which skips 2 of every 4 indices of K; expected "
            "offset <= size"},
        BadCase{
            "zero_size", "CONV", kConvDims, "SpatialMap(Sz(K)-16,1) K;\n",
            "t.m:6:1: error: SpatialMap(Sz(K)-16,1) K in layer 'L1' (CONV) has "
            "size 0; expected a size >= 1"},
        BadCase{
            "r_partial", "CONV", kConvDims,
            "SpatialMap(1,1) K;\nTemporalMap(1,1) R;\n",
            "t.m:7:1: error: TemporalMap(1,1) R in layer 'L1' (CONV) has "
            "size 1 "
            "and offset 1, but a TemporalMap on R must cover the whole filter; "
            "expected TemporalMap(Sz(R),Sz(R)) R (size == offset == 3)"},
        BadCase{
            "dim_missing", "DSCONV", "C: 8, R: 3, S: 3, Y: 10, X: 10",
            "SpatialMap(1,1) K;\n",
            "t.m:6:1: error: SpatialMap(1,1) K in layer 'L1' (DSCONV) maps "
            "dimension K, which the layer does not have; expected one of C, "
            "R, S, Y, X, Y', X'"},
        BadCase{
            "gemm_dim", "GEMM", "M: 4, N: 4, K: 4", "SpatialMap(1,1) C;\n",
            "t.m:6:1: error: SpatialMap(1,1) C in layer 'L1' (GEMM) maps "
            "dimension C, which the layer does not have; expected one of N, "
            "K, M"},
        BadCase{
            "no_spatial", "CONV", kConvDims,
            "SpatialMap(1,1) K;\nCluster(4,P);\nTemporalMap(1,1) C;\n",
            "t.m:7:1: error: the cluster level opened by Cluster(4,P) in layer "
            "'L1' (CONV) has no SpatialMap; expected one or two SpatialMap "
            "directives per level"},
        BadCase{"three_spatial", "CONV", kConvDims,
                "SpatialMap(1,1) K;\nSpatialMap(1,1) C;\nSpatialMap(1,1) Y;\n",
                "t.m:8:1: error: SpatialMap(1,1) Y in layer 'L1' (CONV) is the "
                "third SpatialMap of cluster level 0; expected one or two "
                "SpatialMaps per level"},
        BadCase{
            "tile_lt_window", "CONV", kConvDims,
            "SpatialMap(1,1) K;\nTemporalMap(2,2) Y;\n",
            "t.m:7:1: error: TemporalMap(2,2) Y in layer 'L1' (CONV): at "
            "cluster level 0 the Y tile is 2 but the R tile is 3, so no filter "
            "window fits (0 MACs, negative counts in MAESTRO); expected a Y "
            "tile >= 3, e.g. Sz(R) or a Y' directive"},
        BadCase{
            "inherited_tile_lt_window", "CONV", kConvDims,
            "SpatialMap(1,1) K;\nTemporalMap(1,1) X;\nCluster(4,P);\n"
            "SpatialMap(1,1) C;\n",
            "t.m:7:1: error: TemporalMap(1,1) X in layer 'L1' (CONV): at "
            "cluster level 0 the X tile is 1 but the S tile is 3, so no filter "
            "window fits (0 MACs, negative counts in MAESTRO); expected a X "
            "tile >= 3, e.g. Sz(S) or a X' directive"},
        BadCase{
            "div_zero", "CONV", kConvDims, "SpatialMap(1/(Sz(K)-16),1) K;\n",
            "t.m:6:1: error: SpatialMap(1/(Sz(K)-16),1) K in layer 'L1' "
            "(CONV): "
            "division by zero in 1/(Sz(K)-16); expected a non-zero divisor"}),
    [](const auto& info) { return std::string(info.param.name); });

// The Eyeriss-style 2-D spread of MAESTRO's *_rs files is accepted with a
// warning (MAESTRO runs those files).
TEST(DslResolve, TwoDimensionalSpreadWarns) {
  MappedLayer ml = One("CONV", kConvDims,
                       "TemporalMap(Sz(R),Sz(R)) R;\nSpatialMap(Sz(R),1) Y;\n"
                       "Cluster(3,P);\nSpatialMap(1,1) X;\nSpatialMap(1,1) R;\n"
                       "TemporalMap(Sz(S),Sz(S)) S;\n");
  absl::StatusOr<ResolvedMapping> m =
      ResolveDataflow(ml.dataflow, ml.layer, *HardwarePreset("pe256"));
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->warnings.size(), 1u);
  EXPECT_THAT(m->warnings[0], HasSubstr("t.m:9:1: warning: SpatialMap(1,1) X"));
}

}  // namespace
}  // namespace maestro
