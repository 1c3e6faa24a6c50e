// Exact semantics against ground truth: on random tiny layers (CONV, DSCONV,
// GEMM; strides 1-3, kernels 1-4, dims smaller than tiles) and random valid
// mappings (1-3 cluster levels, 1-2 SpatialMaps per level, Y/X and Y'/X'
// maps, tiles past the dim), the engine's exact counts equal a step-by-step
// walk of the loop nest (engine_enumerator_testlib.h): MACs, every point
// computed once, input/filter L2 reads, output L2 writes, input/filter L1
// writes and the per-PE L1 need of each tensor. Fixed seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>

#include "core/engine/analysis.h"
#include "tests/core/engine_enumerator_testlib.h"

namespace maestro {
namespace {

int64_t Pick(std::mt19937& rng, int64_t lo, int64_t hi) {
  return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
}

struct Case {
  Layer layer;
  ResolvedMapping mapping;
  Hardware hw;
};

// `big`: larger dims and arrays (runs of alike units, several folds).
Layer RandomLayer(std::mt19937& rng, bool big) {
  const int64_t g = big ? 3 : 1;
  Layer l;
  l.name = "rand";
  const int kind = static_cast<int>(Pick(rng, 0, 5));
  if (kind == 5) {
    l.type = LayerType::kGemm;
    l.Set(Dim::kM, Pick(rng, 1, 6 * g)).Set(Dim::kN, Pick(rng, 1, 6 * g));
    l.Set(Dim::kK, Pick(rng, 1, 6 * g));
    return l;
  }
  l.type = kind == 4 ? LayerType::kDsconv : LayerType::kConv;
  if (l.type == LayerType::kConv) l.Set(Dim::kK, Pick(rng, 1, 4 * g));
  l.Set(Dim::kC, Pick(rng, 1, 4 * g));
  l.Set(Dim::kR, Pick(rng, 1, 4)).Set(Dim::kS, Pick(rng, 1, 4));
  l.stride_y = Pick(rng, 1, 3);
  l.stride_x = Pick(rng, 1, 3);
  // Output extents 1..5, input extents exactly (out - 1) * st + R or a few
  // rows more (rows no window reaches).
  const int64_t oy = Pick(rng, 1, 5 * g), ox = Pick(rng, 1, 5 * g);
  l.Set(Dim::kY,
        (oy - 1) * l.stride_y + l.Get(Dim::kR) + Pick(rng, 0, l.stride_y - 1));
  l.Set(Dim::kX,
        (ox - 1) * l.stride_x + l.Get(Dim::kS) + Pick(rng, 0, l.stride_x - 1));
  if (Pick(rng, 0, 4) == 0) l.Set(Dim::kN, Pick(rng, 1, 2));
  return l;
}

// A map of dim `d` whose tile covers `n` units of the dim (output rows for
// Y/X), written in one of the equivalent forms.
Map TileMap(std::mt19937& rng, const Layer& l, Dim d, int64_t n, bool spatial) {
  const DirectiveKind k =
      spatial ? DirectiveKind::kSpatialMap : DirectiveKind::kTemporalMap;
  if (l.IsConvLike() && (d == Dim::kY || d == Dim::kX)) {
    const int64_t st = d == Dim::kY ? l.stride_y : l.stride_x;
    const int64_t f = l.Get(d == Dim::kY ? Dim::kR : Dim::kS);
    if (Pick(rng, 0, 1) == 0) {  // Y'(n, n)
      return {k, n, n, d == Dim::kY ? Dim::kYo : Dim::kXo};
    }
    // Y((n-1)·st + R + extra, n·st): extra < st rows change nothing.
    const int64_t extra = st > 1 ? Pick(rng, 0, st - 1) : 0;
    return {k, (n - 1) * st + f + extra, st == 1 ? n : n * st, d};
  }
  return {k, n, n, d};
}

std::vector<Dim> LoopDims(const Layer& l) {
  if (l.type == LayerType::kGemm) return {Dim::kM, Dim::kN, Dim::kK};
  std::vector<Dim> v = {Dim::kC, Dim::kY, Dim::kX};
  if (l.type == LayerType::kConv) v.push_back(Dim::kK);
  if (l.Has(Dim::kN)) v.push_back(Dim::kN);
  return v;
}

int64_t Extent(const Layer& l, Dim d) {
  if (l.IsConvLike() && d == Dim::kY) return l.OutY();
  if (l.IsConvLike() && d == Dim::kX) return l.OutX();
  return l.Get(d);
}

Case RandomCase(std::mt19937& rng, bool big) {
  Case c;
  c.layer = RandomLayer(rng, big);
  const Layer& l = c.layer;
  const int nlev = static_cast<int>(Pick(rng, 1, 3));
  std::array<int64_t, kNumDims> tile{};
  for (Dim d : LoopDims(l)) tile[DimIndex(d)] = Extent(l, d);
  int64_t pes = 1;
  for (int li = 0; li < nlev; ++li) {
    ClusterLevel lv;
    lv.num_units = Pick(rng, 1, (li == 0 ? 8 : 4) * (big ? 3 : 1));
    pes *= lv.num_units;
    std::vector<Dim> dims = LoopDims(l);
    std::shuffle(dims.begin(), dims.end(), rng);
    // Map a random non-empty subset; the rest stays whole (or inherited).
    const int nmap = static_cast<int>(Pick(rng, 1, dims.size()));
    dims.resize(nmap);
    // One or two SpatialMaps; a second one only beside a non-Y/X one.
    const int sp1 = static_cast<int>(Pick(rng, 0, nmap - 1));
    int sp2 = -1;
    if (nmap > 1 && Pick(rng, 0, 2) == 0) {
      sp2 = static_cast<int>(Pick(rng, 0, nmap - 2));
      if (sp2 >= sp1) ++sp2;
      auto yx = [&](int i) { return dims[i] == Dim::kY || dims[i] == Dim::kX; };
      if (l.IsConvLike() && yx(sp1) && yx(sp2)) sp2 = -1;
    }
    for (int i = 0; i < nmap; ++i) {
      const Dim d = dims[i];
      // Tiles of 1 .. one past the parent's tile (edges, dims < tiles).
      const int64_t n = Pick(rng, 1, tile[DimIndex(d)] + 1);
      lv.maps.push_back(TileMap(rng, l, d, n, i == sp1 || i == sp2));
      tile[DimIndex(d)] = std::min(n, tile[DimIndex(d)]);
    }
    if (l.IsConvLike() && Pick(rng, 0, 1) == 0) {  // explicit whole R/S
      lv.maps.push_back({DirectiveKind::kTemporalMap, l.Get(Dim::kR),
                         l.Get(Dim::kR), Dim::kR});
    }
    c.mapping.levels.push_back(lv);
  }
  c.hw.num_pes = pes;
  c.hw.noc_bw = Pick(rng, 1, 8);
  c.hw.offchip_bw = Pick(rng, 1, 16);
  c.hw.noc_latency = Pick(rng, 0, 2);
  return c;
}

std::string Describe(const Case& c) {
  const Layer& l = c.layer;
  std::string s = std::string(LayerTypeName(l.type));
  for (Dim d : kAllDims) {
    if (l.Has(d)) s += " " + std::string(DimName(d)) + std::to_string(l.Get(d));
  }
  s += " st" + std::to_string(l.stride_y) + "/" + std::to_string(l.stride_x);
  for (const ClusterLevel& lv : c.mapping.levels) {
    s += " | [" + std::to_string(lv.num_units) + "]";
    for (const Map& m : lv.maps) {
      s += std::string(m.spatial() ? " S(" : " T(") + std::to_string(m.size) +
           "," + std::to_string(m.offset) + ")" + std::string(DimName(m.dim));
    }
  }
  return s;
}

struct Tally {
  int cases = 0, ok = 0;
  int strided = 0, multi_level = 0, two_spatial = 0, edges = 0, invalid = 0;
  std::array<int, 3> types{};
};

// Compares one case; returns whether every count agreed.
bool Compare(const Case& c, Tally& tally) {
  AnalysisOptions o;  // exact
  absl::StatusOr<LayerResult> r = AnalyzeLayer(c.layer, c.mapping, c.hw, o);
  EXPECT_TRUE(r.ok()) << r.status() << "\n" << Describe(c);
  absl::StatusOr<test::Enumerated> e =
      test::EnumerateMapping(c.layer, c.mapping);
  EXPECT_TRUE(e.ok()) << e.status() << "\n" << Describe(c);
  if (!r.ok() || !e.ok()) return false;
  const std::string d = Describe(c);
  bool two_spatial = false;
  for (const ClusterLevel& lv : c.mapping.levels) {
    int n = 0;
    for (const Map& m : lv.maps) n += m.spatial();
    two_spatial = two_spatial || n == 2;
  }
  bool same = true;
  auto eq = [&](const char* what, int64_t engine, int64_t truth) {
    if (engine == truth) return;
    same = false;
    ADD_FAILURE() << what << ": engine " << engine << ", enumerated " << truth
                  << "\n  " << d;
  };
  EXPECT_TRUE(r->loop_nest) << r->exact_fallback << "\n  " << d;
  // Two SpatialMaps at a level advance together with the unit index (the
  // data-centric reading, as in MAESTRO): unit u takes position u of both,
  // so two maps over independent dims leave points out. Such a mapping is
  // not valid, but the engine must still count what it does.
  const bool valid = e->min_point == 1 && e->max_point == 1;
  if (valid) {
    eq("analytic MACs", AnalyticMacs(c.layer), e->macs);
  } else {
    ++tally.invalid;
    EXPECT_TRUE(two_spatial) << "a mapping with one SpatialMap per level "
                                "left points out or computed them twice\n  "
                             << d;
  }
  eq("model MACs", r->macs_model, e->macs);
  eq("input L2 read", r->access[kInput].l2_read, e->l2_read[0]);
  eq("filter L2 read", r->access[kFilter].l2_read, e->l2_read[1]);
  eq("output L2 write", r->access[kOutput].l2_write, e->output_l2_write);
  eq("input L1 write", r->access[kInput].l1_write, e->l1_write[0]);
  eq("filter L1 write", r->access[kFilter].l1_write, e->l1_write[1]);
  for (int t = 0; t < kNumTensors; ++t) {
    eq("per-PE L1 need (x2)", r->l1_size_req_tensor[t], 2 * e->pe_need[t]);
  }
  EXPECT_GE(r->runtime_cycles, (e->macs + c.hw.num_pes - 1) / c.hw.num_pes)
      << d;
  int64_t pe_sum = 0;
  for (int64_t m : e->macs_per_pe) pe_sum += m;
  eq("MACs summed over PEs", pe_sum, e->macs);
  ++tally.cases;
  tally.ok += same;
  tally.types[static_cast<int>(c.layer.type == LayerType::kGemm     ? 2
                               : c.layer.type == LayerType::kDsconv ? 1
                                                                    : 0)]++;
  tally.strided += c.layer.stride_y > 1 || c.layer.stride_x > 1;
  tally.multi_level += c.mapping.levels.size() > 1;
  // An edge: some PE computed fewer MACs than another.
  const bool edge =
      *std::min_element(e->macs_per_pe.begin(), e->macs_per_pe.end()) !=
      *std::max_element(e->macs_per_pe.begin(), e->macs_per_pe.end());
  tally.two_spatial += two_spatial;
  tally.edges += edge;
  return same;
}

void RunRandom(uint32_t seed, int n, bool big, const char* label) {
  std::mt19937 rng(seed);
  Tally t;
  int failures = 0;
  for (int i = 0; i < n && failures < 10; ++i) {
    Case c = RandomCase(rng, big);
    if (!Compare(c, t)) ++failures;
  }
  std::printf(
      "enumerator (%s): %d/%d random cases agree on every count (CONV %d, "
      "DSCONV %d, GEMM %d; strided %d, multi-level %d, two SpatialMaps at a "
      "level %d, uneven PEs/edges %d, not covering every point once %d)\n",
      label, t.ok, t.cases, t.types[0], t.types[1], t.types[2], t.strided,
      t.multi_level, t.two_spatial, t.edges, t.invalid);
  EXPECT_EQ(t.ok, t.cases);
}

TEST(EngineEnumeratorTest, ExactCountsEqualTheLoopNestWalkTiny) {
  RunRandom(20261127, 1500, false, "tiny");
}

// Dims up to 3x larger and arrays of up to 24 units: runs of alike units
// (which the engine evaluates once), several folds per SpatialMap.
TEST(EngineEnumeratorTest, ExactCountsEqualTheLoopNestWalkLarger) {
  RunRandom(777, 400, true, "larger");
}

}  // namespace
}  // namespace maestro
