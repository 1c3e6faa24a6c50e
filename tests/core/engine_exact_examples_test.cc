// The worked examples of docs/differences-from-maestro.md ("Exact vs
// maestro semantics"): MAESTRO's traced tiny layers (tests/data/maestro/
// traces) under both semantics. Maestro-semantics values are MAESTRO's own
// outputs; exact values are derived by hand in the comments and must also
// equal the loop-nest walk (engine_enumerator_testlib.h).
#include <gtest/gtest.h>

#include "core/engine/analysis.h"
#include "tests/core/engine_enumerator_testlib.h"

namespace maestro {
namespace {

Map T(int64_t s, int64_t o, Dim d) {
  return {DirectiveKind::kTemporalMap, s, o, d};
}
Map S(int64_t s, int64_t o, Dim d) {
  return {DirectiveKind::kSpatialMap, s, o, d};
}

Hardware Tiny(int pes) {  // hw_tiny4.m / hw_tiny16.m
  Hardware hw;
  hw.num_pes = pes;
  hw.l1_size = 100;
  hw.l2_size = 3000;
  hw.noc_bw = pes == 4 ? 1000 : 4;
  hw.offchip_bw = 1000;
  hw.noc_latency = 1;
  return hw;
}

Layer Conv(int64_t k, int64_t c, int64_t y, int64_t stride, int64_t f = 3) {
  Layer l;
  l.name = "L1";
  l.Set(Dim::kK, k).Set(Dim::kC, c).Set(Dim::kR, f).Set(Dim::kS, f);
  l.Set(Dim::kY, y).Set(Dim::kX, y);
  l.stride_y = l.stride_x = stride;
  return l;
}

ResolvedMapping XpWs() {  // t1/t3: X' across 4 PEs, Y' one row a step
  ResolvedMapping m;
  m.levels.push_back({4,
                      {T(1, 1, Dim::kK), T(1, 1, Dim::kC), T(3, 1, Dim::kY),
                       S(3, 1, Dim::kX), T(3, 3, Dim::kR), T(3, 3, Dim::kS)},
                      {}});
  return m;
}

struct Both {
  LayerResult maestro, exact;
  test::Enumerated walk;
};

Both RunBoth(const Layer& l, const ResolvedMapping& m, const Hardware& hw) {
  Both b;
  AnalysisOptions o;
  absl::StatusOr<LayerResult> e = AnalyzeLayer(l, m, hw, o);
  o.semantics = Semantics::kMaestro;
  absl::StatusOr<LayerResult> x = AnalyzeLayer(l, m, hw, o);
  absl::StatusOr<test::Enumerated> w = test::EnumerateMapping(l, m);
  EXPECT_TRUE(e.ok() && x.ok() && w.ok());
  if (!e.ok() || !x.ok() || !w.ok()) return b;
  b.exact = *e;
  b.maestro = *x;
  b.walk = *w;
  EXPECT_TRUE(b.exact.loop_nest);
  EXPECT_EQ(b.exact.access[kInput].l2_read, b.walk.l2_read[0]);
  EXPECT_EQ(b.exact.access[kFilter].l2_read, b.walk.l2_read[1]);
  EXPECT_EQ(b.exact.access[kOutput].l2_write, b.walk.output_l2_write);
  EXPECT_EQ(b.exact.access[kInput].l1_write, b.walk.l1_write[0]);
  EXPECT_EQ(b.exact.access[kFilter].l1_write, b.walk.l1_write[1]);
  for (int t = 0; t < kNumTensors; ++t) {
    EXPECT_EQ(b.exact.l1_size_req_tensor[t], 2 * b.walk.pe_need[t]);
  }
  EXPECT_EQ(b.walk.min_point, 1);
  EXPECT_EQ(b.walk.max_point, 1);
  return b;
}

// Strided egress. T3: K 4, C 2, 9x9 input, 3x3 filter, stride 2 -> 4x4
// outputs; each unit computes one output column. Exact: every one of the
// K·Y'·X' = 64 outputs goes up once per C pass: 2 · 64 = 128. MAESTRO
// counts min(offset, size) = 2 columns per unit, in input coordinates: 224.
TEST(EngineExactExamples, StridedEgressInOutputCoordinates) {
  Both b = RunBoth(Conv(4, 2, 9, 2), XpWs(), Tiny(4));
  EXPECT_EQ(b.maestro.access[kOutput].l2_write, 224);
  EXPECT_EQ(b.exact.access[kOutput].l2_write, 2 * 4 * 4 * 4);
  // Input: the windows of 4 output columns cover all 9 columns; per (K, C)
  // the first row step reads 3 rows, each of the 3 next steps 2 new rows
  // (stride 2): 9 rows x 9 columns, once per K (C is inside K): 4·2·81.
  EXPECT_EQ(b.maestro.access[kInput].l2_read, 576);
  EXPECT_EQ(b.exact.access[kInput].l2_read, 4 * 2 * 81);
  // Per-PE need: a 3x3 input window, a 3x3 filter and ONE output (MAESTRO:
  // the output tile in input coordinates, 3x3), double buffered.
  EXPECT_EQ(b.maestro.l1_size_req_tensor[kOutput], 18);
  EXPECT_EQ(b.exact.l1_size_req_tensor[kOutput], 2);
}

// Neighbour overlap and temporal reuse. T1: K 4, C 2, 6x6, 3x3, stride 1.
// Per (K, C): the first row step reads 3 rows x 6 columns (the 4 units'
// 3-column windows overlap: each element once), each of the 3 later steps
// one new row: 36 = 6·6; C is inside K, so each K pass re-reads the whole
// input: 4·2·36 = 288. MAESTRO: 252 (its last unit gets a unique part of 0
// at the spatial edge, NOTES.md item 2). Into the PEs (no multicast
// sharing): 4 units x 9 + 3 steps x 4 units x 3 = 72 per (K, C): 576.
TEST(EngineExactExamples, MulticastAndTemporalReuse) {
  Both b = RunBoth(Conv(4, 2, 6, 1), XpWs(), Tiny(4));
  EXPECT_EQ(b.maestro.access[kInput].l2_read, 252);
  EXPECT_EQ(b.exact.access[kInput].l2_read, 4 * 2 * 36);
  EXPECT_EQ(b.exact.access[kInput].l1_write, 4 * 2 * 72);
  EXPECT_EQ(b.exact.macs_model, 1152);
}

// Temporal edge tile and sub-levels under an edge. T2 on tiny16: K 8 over 4
// clusters, C 6 in tiles of 4 (the last holds 2), 4 PEs per cluster with one
// channel each. Filter: every element is read once, 8·6·9 = 432; MAESTRO
// moves the full 4-channel tile again at the C edge: 8·(4+4)·9 = 576.
// Input: per K fold (2) and channel, 4 output rows x (a 3x3 window + 3 new
// columns x 3) = 72: 2·6·72 = 864 (MAESTRO 1116).
TEST(EngineExactExamples, TemporalEdgeMovesTheRealTile) {
  ResolvedMapping m;
  m.levels.push_back({4,
                      {S(1, 1, Dim::kK), T(4, 4, Dim::kC), T(3, 3, Dim::kR),
                       T(3, 3, Dim::kS), T(3, 1, Dim::kY), T(3, 1, Dim::kX)},
                      {}});
  m.levels.push_back({4,
                      {S(1, 1, Dim::kC), T(3, 1, Dim::kY), T(3, 1, Dim::kX),
                       T(3, 3, Dim::kR), T(3, 3, Dim::kS)},
                      {}});
  Both b = RunBoth(Conv(8, 6, 6, 1), m, Tiny(16));
  EXPECT_EQ(b.maestro.access[kFilter].l2_read, 576);
  EXPECT_EQ(b.exact.access[kFilter].l2_read, 8 * 6 * 9);
  EXPECT_EQ(b.maestro.access[kInput].l2_read, 1116);
  EXPECT_EQ(b.exact.access[kInput].l2_read, 2 * 6 * 72);
  // MAESTRO computes the sub-level's C edge (2 channels on 4 PEs) with the
  // base tiles (NOTES.md item 3); exact runs it with 2 active PEs.
  EXPECT_LT(b.exact.runtime_cycles, b.maestro.runtime_cycles);
}

// Y' with a stride: TemporalMap(2,2) Y' is two output rows a step. MAESTRO
// turns it into Y(2 + 3 - 1, 2) and the stride rewrite into ONE output row
// a step; exact keeps two: a PE needs (2-1)·2 + 3 = 5 input rows x 3
// columns = 15 input elements and 2 outputs.
TEST(EngineExactExamples, OutputMapsKeepTheirOutputTileAtAStride) {
  ResolvedMapping m;
  m.levels.push_back({4,
                      {T(1, 1, Dim::kK), T(1, 1, Dim::kC), T(2, 2, Dim::kYo),
                       S(1, 1, Dim::kXo), T(3, 3, Dim::kR), T(3, 3, Dim::kS)},
                      {}});
  Both b = RunBoth(Conv(4, 2, 9, 2), m, Tiny(4));
  EXPECT_EQ(b.exact.l1_size_req_tensor[kInput], 2 * 15);
  EXPECT_EQ(b.exact.l1_size_req_tensor[kOutput], 2 * 2);
  EXPECT_EQ(b.maestro.l1_size_req_tensor[kInput], 18);  // one row a step
}

// A 1x1 filter at stride 2 reads only the even rows and columns: per (K, C)
// 4x4 of the 7x7 input. Exact: 2·2·16 = 64 input reads; MAESTRO: 60.
TEST(EngineExactExamples, FilterSmallerThanStrideReadsOnlyUsedRows) {
  ResolvedMapping m;
  m.levels.push_back(
      {4,
       {T(1, 1, Dim::kK), T(1, 1, Dim::kC), T(1, 1, Dim::kY), S(1, 1, Dim::kX)},
       {}});
  Both b = RunBoth(Conv(2, 2, 7, 2, /*f=*/1), m, Tiny(4));
  EXPECT_EQ(b.exact.access[kInput].l2_read, 2 * 2 * 16);
  EXPECT_EQ(b.maestro.access[kInput].l2_read, 60);
}

// Regression: a SpatialMap over a whole 1-row filter at stride 2 (one
// position: only unit 0 works) must not merge the gaps between windows into
// the input tile: 4 output rows read 4 input rows, not 7. K and C are whole
// (not mapped), so the 5x5 used points of both channels are read once: 50;
// a PE needs 2 channels x 4 rows x 2 columns.
TEST(EngineExactExamples, WholeSpatialFilterAtAStride) {
  ResolvedMapping m;
  m.levels.push_back(
      {4, {S(1, 1, Dim::kR), T(4, 4, Dim::kYo), T(2, 2, Dim::kXo)}, {}});
  Both b = RunBoth(Conv(2, 2, 9, 2, /*f=*/1), m, Tiny(4));
  EXPECT_EQ(b.exact.access[kInput].l2_read, 2 * 25);
  EXPECT_EQ(b.exact.l1_size_req_tensor[kInput], 2 * 2 * 4 * 2);  // C·4·2
}

// Two levels, GEMM (T4 on tiny16): M over 2 clusters, K over 8 PEs. The
// input (M x K) does not depend on N, but N is the outermost loop and a
// cluster keeps only its previous tile: each N step re-reads the input,
// 5·6·8 = 240. MAESTRO: 176.
TEST(EngineExactExamples, GemmTwoLevels) {
  Layer g;
  g.name = "G1";
  g.type = LayerType::kGemm;
  g.Set(Dim::kK, 8).Set(Dim::kM, 6).Set(Dim::kN, 5);
  ResolvedMapping m;
  m.levels.push_back(
      {2, {T(1, 1, Dim::kN), S(1, 1, Dim::kM), T(8, 8, Dim::kK)}, {}});
  m.levels.push_back(
      {8, {T(1, 1, Dim::kN), T(1, 1, Dim::kM), S(1, 1, Dim::kK)}, {}});
  Both b = RunBoth(g, m, Tiny(16));
  EXPECT_EQ(b.exact.access[kInput].l2_read, 5 * 6 * 8);
  EXPECT_EQ(b.maestro.access[kInput].l2_read, 176);
}

// Eyeriss-style row-stationary pair (mappings/eyeriss.m): each cluster of
// R = 3 PEs computes one output pixel, PE u applying filter row u
// (SpatialMap(1,1) Y; SpatialMap(1,1) R). T1's layer on tiny4 (one cluster).
// Every (Y', X', C) step needs the 4·9 filter elements of its channel, and
// C moves inside X' (so they are never kept): 16 pixels · 2 · 36 = 1152
// filter reads (MAESTRO: 612). A PE holds the 4 outputs (K) of its pixel:
// need 2·4 (MAESTRO: 24, from the input-coordinate X tile of 3).
TEST(EngineExactExamples, RowStationaryPair) {
  ResolvedMapping m;
  m.levels.push_back({1,
                      {S(1, 1, Dim::kYo), T(1, 1, Dim::kXo), T(1, 1, Dim::kC),
                       T(4, 4, Dim::kK), T(3, 3, Dim::kR), T(3, 3, Dim::kS)},
                      {}});
  m.levels.push_back(
      {3, {S(1, 1, Dim::kY), S(1, 1, Dim::kR), T(3, 3, Dim::kS)}, {}});
  Both b = RunBoth(Conv(4, 2, 6, 1), m, Tiny(4));
  EXPECT_EQ(b.exact.access[kFilter].l2_read, 16 * 2 * 4 * 9);
  EXPECT_EQ(b.maestro.access[kFilter].l2_read, 612);
  EXPECT_EQ(b.exact.l1_size_req_tensor[kOutput], 2 * 4);
  EXPECT_EQ(b.maestro.l1_size_req_tensor[kOutput], 24);
  EXPECT_EQ(b.exact.macs_model, 1152);
}

// A Y map in input coordinates beside a partial R tile: its output rows are
// counted with the whole filter (TemporalMap(3,1) Y with R = 3: one output
// row a step); each unit applies its filter row to it. K 4, C 2, 6x6, 4 PEs
// (R = 3 filter rows over 3 of them): the loop nest, equal to the walk.
TEST(EngineExactExamples, InputCoordinateYBesidePartialR) {
  ResolvedMapping m;
  m.levels.push_back({4,
                      {T(1, 1, Dim::kK), T(1, 1, Dim::kC), S(1, 1, Dim::kR),
                       T(3, 1, Dim::kY), T(3, 1, Dim::kX), T(3, 3, Dim::kS)},
                      {}});
  const Both b = RunBoth(Conv(4, 2, 6, 1), m, Tiny(4));
  EXPECT_EQ(b.exact.macs_model, 1152);
}

}  // namespace
}  // namespace maestro
