// The engine on MAESTRO's four traced tiny layers (tests/data/maestro/traces)
// with hand-built mappings: maestro semantics must give MAESTRO's numbers.
#include <gtest/gtest.h>

#include "core/engine/analysis.h"

namespace maestro {
namespace {

Map T(int64_t s, int64_t o, Dim d) {
  return {DirectiveKind::kTemporalMap, s, o, d};
}
Map S(int64_t s, int64_t o, Dim d) {
  return {DirectiveKind::kSpatialMap, s, o, d};
}

Hardware Tiny(int pes) {  // hw_tiny4.m / hw_tiny16.m, NoC latency 1
  Hardware hw;
  hw.name = pes == 4 ? "tiny4" : "tiny16";
  hw.num_pes = pes;
  hw.l1_size = 100;
  hw.l2_size = 3000;
  hw.noc_bw = pes == 4 ? 1000 : 4;
  hw.offchip_bw = 1000;
  hw.noc_latency = 1;
  return hw;
}

Layer Conv(int64_t k, int64_t c, int64_t y, int64_t stride) {
  Layer l;
  l.name = "L1";
  l.Set(Dim::kK, k).Set(Dim::kC, c).Set(Dim::kR, 3).Set(Dim::kS, 3);
  l.Set(Dim::kY, y).Set(Dim::kX, y);
  l.stride_y = l.stride_x = stride;
  return l;
}

ResolvedMapping XpWs(int64_t units) {  // t1 / t3
  ResolvedMapping m;
  m.levels.push_back({units,
                      {T(1, 1, Dim::kK), T(1, 1, Dim::kC), T(3, 1, Dim::kY),
                       S(3, 1, Dim::kX), T(3, 3, Dim::kR), T(3, 3, Dim::kS)},
                      {}});
  return m;
}

LayerResult RunMaestro(const Layer& l, const ResolvedMapping& m,
                       const Hardware& hw) {
  AnalysisOptions o;
  o.semantics = Semantics::kMaestro;
  absl::StatusOr<LayerResult> r = AnalyzeLayer(l, m, hw, o);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : LayerResult{};
}

struct Expected {
  int64_t runtime, macs, in_l2r, f_l2r, out_l2w, l1_req, l2_req, peak;
  double avg, energy;
};

void Check(const LayerResult& r, const Expected& e) {
  EXPECT_EQ(r.runtime_cycles, e.runtime);
  EXPECT_EQ(r.macs_maestro, e.macs);
  EXPECT_EQ(r.access[kInput].l2_read, e.in_l2r);
  EXPECT_EQ(r.access[kFilter].l2_read, e.f_l2r);
  EXPECT_EQ(r.access[kOutput].l2_write, e.out_l2w);
  EXPECT_EQ(r.l1_size_req, e.l1_req);
  EXPECT_EQ(r.l2_size_req, e.l2_req);
  EXPECT_EQ(r.noc_bw_req_peak, e.peak);
  EXPECT_NEAR(r.noc_bw_req_avg, e.avg, 1e-9);
  EXPECT_NEAR(r.energy_maestro_xmac, e.energy, 1e-6 * e.energy);
}

// Expected values: MAESTRO's CSV/stdout in tests/data/maestro/traces.
TEST(EngineTraceTest, T1XpWsTiny4) {
  LayerResult r = RunMaestro(Conv(4, 2, 6, 1), XpWs(4), Tiny(4));
  Check(r, {289, 1152, 252, 72, 128, 54, 98, 5, 1.125, 21720.36});
  EXPECT_EQ(r.macs, 1152);
}

TEST(EngineTraceTest, T1XpWsTiny16) {
  Check(RunMaestro(Conv(4, 2, 6, 1), XpWs(16), Tiny(16)),
        {300, 1152, 216, 72, 128, 54, 98, 5, 0.9375, 20989.92});
}

ResolvedMapping KcpWs(int64_t top_units) {  // t2
  ResolvedMapping m;
  m.levels.push_back({top_units,
                      {S(1, 1, Dim::kK), T(4, 4, Dim::kC), T(3, 3, Dim::kR),
                       T(3, 3, Dim::kS), T(3, 1, Dim::kY), T(3, 1, Dim::kX)},
                      {}});
  m.levels.push_back({4,
                      {S(1, 1, Dim::kC), T(3, 1, Dim::kY), T(3, 1, Dim::kX),
                       T(3, 3, Dim::kR), T(3, 3, Dim::kS)},
                      {}});
  return m;
}

TEST(EngineTraceTest, T2KcpWsTiny4) {
  Check(RunMaestro(Conv(8, 6, 6, 1), KcpWs(1), Tiny(4)),
        {2561, 6912, 4356, 576, 256, 54, 146, 7, 1.89453125, 172636.44});
}

TEST(EngineTraceTest, T2KcpWsTiny16) {
  Check(RunMaestro(Conv(8, 6, 6, 1), KcpWs(4), Tiny(16)),
        {1818, 6912, 1116, 576, 256, 54, 368, 6, 0.921875, 106896.84});
}

TEST(EngineTraceTest, T3StrideTwoTiny4) {
  LayerResult r = RunMaestro(Conv(4, 2, 9, 2), XpWs(4), Tiny(4));
  Check(r, {289, 1152, 576, 72, 224, 54, 104, 5, 2.25, 34212.3});
  EXPECT_EQ(r.access[kOutput].l2_read, 4 * 4 * 4);  // K Y' X', stride 2
}

TEST(EngineTraceTest, T3StrideTwoTiny16) {
  Check(RunMaestro(Conv(4, 2, 9, 2), XpWs(16), Tiny(16)),
        {300, 1152, 456, 72, 192, 54, 102, 5, 1.78125, 31181.98});
}

TEST(EngineTraceTest, T4GemmTiny16) {
  Layer g;
  g.name = "G1";
  g.type = LayerType::kGemm;
  g.Set(Dim::kK, 8).Set(Dim::kM, 6).Set(Dim::kN, 5);
  ResolvedMapping m;
  m.levels.push_back(
      {2, {T(1, 1, Dim::kN), S(1, 1, Dim::kM), T(8, 8, Dim::kK)}, {}});
  m.levels.push_back(
      {8, {T(1, 1, Dim::kN), T(1, 1, Dim::kM), S(1, 1, Dim::kK)}, {}});
  Check(RunMaestro(g, m, Tiny(16)),
        {81, 240, 176, 40, 30, 6, 52, 4, 2.7333333333333334, 8989.72});
}

TEST(EngineTraceTest, ZeroTopUnitsIsAnError) {  // T_t4 on tiny4: SIGFPE
  Layer g;
  g.name = "G1";
  g.type = LayerType::kGemm;
  g.Set(Dim::kK, 8).Set(Dim::kM, 6).Set(Dim::kN, 5);
  ResolvedMapping m;
  m.levels.push_back({0, {S(1, 1, Dim::kM)}, {}});
  m.levels.push_back({8, {S(1, 1, Dim::kK)}, {}});
  AnalysisOptions o;
  o.semantics = Semantics::kMaestro;
  absl::StatusOr<LayerResult> r = AnalyzeLayer(g, m, Tiny(4), o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("sub-units"), std::string::npos);
}

}  // namespace
}  // namespace maestro

namespace maestro {
namespace {

// docs/differences-from-maestro.md, "temporal edge": MAESTRO moves the full
// C tile again at the edge (C = 6 in tiles of 4: the last tile holds 2), so
// exact semantics moves less input and the same number of MACs.
TEST(EngineTraceTest, ExactMovesOnlyTheEdgeTile) {
  AnalysisOptions exact;
  AnalysisOptions maestro;
  maestro.semantics = Semantics::kMaestro;
  const Layer l = Conv(8, 6, 6, 1);
  absl::StatusOr<LayerResult> e = AnalyzeLayer(l, KcpWs(4), Tiny(16), exact);
  absl::StatusOr<LayerResult> m = AnalyzeLayer(l, KcpWs(4), Tiny(16), maestro);
  ASSERT_TRUE(e.ok() && m.ok());
  EXPECT_EQ(e->macs_model, 6912);
  EXPECT_LT(e->access[kInput].l2_read, m->access[kInput].l2_read);
  EXPECT_GE(e->access[kInput].l2_read, 6 * 6 * 6);  // the whole input
}

}  // namespace
}  // namespace maestro
