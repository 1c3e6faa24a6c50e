// Invariants of the engine on random small layers and random valid mappings
// (fixed seeds): exact MAC count, runtime >= MACs / PEs, traffic at least
// the compulsory volume, and unchanged results under an equivalent rewrite
// of the directive list.
#include <gtest/gtest.h>

#include <random>

#include "core/engine/analysis.h"
#include "tests/core/engine_enumerator_testlib.h"

namespace maestro {
namespace {

using test::Case;

int64_t Pick(std::mt19937& rng, int64_t lo, int64_t hi) {
  return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
}

// A CONV layer and a one- or two-level mapping whose tiles cover every
// output exactly (Y/X tiles slide by tile - R + 1, R/S whole).
Case RandomCase(std::mt19937& rng, bool two_levels) {
  Case c;
  Layer& l = c.layer;
  l.name = "rand";
  l.Set(Dim::kK, Pick(rng, 1, 6)).Set(Dim::kC, Pick(rng, 1, 5));
  l.Set(Dim::kR, Pick(rng, 1, 3)).Set(Dim::kS, Pick(rng, 1, 3));
  l.Set(Dim::kY, l.Get(Dim::kR) + Pick(rng, 0, 6));
  l.Set(Dim::kX, l.Get(Dim::kS) + Pick(rng, 0, 6));
  auto tile = [&](Dim d) -> Map {
    const int64_t D = l.Get(d);
    if (d == Dim::kR || d == Dim::kS)
      return {DirectiveKind::kTemporalMap, D, D, d};
    if (d == Dim::kY || d == Dim::kX) {
      const int64_t f = l.Get(d == Dim::kY ? Dim::kR : Dim::kS);
      const int64_t s = Pick(rng, f, D);
      return {DirectiveKind::kTemporalMap, s, s - f + 1, d};
    }
    const int64_t s = Pick(rng, 1, D);
    return {DirectiveKind::kTemporalMap, s, s, d};
  };
  std::vector<Dim> order = {Dim::kK, Dim::kC, Dim::kY, Dim::kX};
  std::shuffle(order.begin(), order.end(), rng);
  ClusterLevel top;
  for (Dim d : order) top.maps.push_back(tile(d));
  top.maps.push_back(tile(Dim::kR));
  top.maps.push_back(tile(Dim::kS));
  top.maps[Pick(rng, 0, 3)].kind = DirectiveKind::kSpatialMap;
  c.hw.num_pes = Pick(rng, 1, 8);
  c.hw.noc_bw = Pick(rng, 1, 16);
  c.hw.offchip_bw = Pick(rng, 1, 64);
  c.hw.noc_latency = Pick(rng, 0, 2);
  if (!two_levels) {
    top.num_units = c.hw.num_pes;
    c.mapping.levels.push_back(top);
    return c;
  }
  const int64_t inner = Pick(rng, 1, 3);
  c.hw.num_pes *= inner;
  top.num_units = c.hw.num_pes / inner;
  ClusterLevel low;
  low.num_units = inner;
  // The inner level spreads one of K/C (tile 1) over the cluster.
  Dim d = Pick(rng, 0, 1) ? Dim::kK : Dim::kC;
  low.maps.push_back({DirectiveKind::kSpatialMap, 1, 1, d});
  c.mapping.levels.push_back(top);
  c.mapping.levels.push_back(low);
  return c;
}

LayerResult Analyze(const Case& c, Semantics sem) {
  AnalysisOptions o;
  o.semantics = sem;
  absl::StatusOr<LayerResult> r = AnalyzeLayer(c.layer, c.mapping, c.hw, o);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : LayerResult{};
}

std::string DescribeConv(const Case& c) {
  std::string s = "K" + std::to_string(c.layer.Get(Dim::kK)) + " C" +
                  std::to_string(c.layer.Get(Dim::kC)) + " R" +
                  std::to_string(c.layer.Get(Dim::kR)) + " S" +
                  std::to_string(c.layer.Get(Dim::kS)) + " Y" +
                  std::to_string(c.layer.Get(Dim::kY)) + " X" +
                  std::to_string(c.layer.Get(Dim::kX)) + " pes " +
                  std::to_string(c.hw.num_pes) + " |";
  for (const auto& lv : c.mapping.levels) {
    s += " [" + std::to_string(lv.num_units) + "]";
    for (const Map& m : lv.maps) {
      s += std::string(m.spatial() ? " S(" : " T(") + std::to_string(m.size) +
           "," + std::to_string(m.offset) + ")" + std::string(DimName(m.dim));
    }
  }
  return s;
}

// `exact`: the model's own MAC count and the traffic floors must hold too
// (MAESTRO's rules break them at edges, NOTES.md "Outright MAESTRO bugs").
void CheckInvariants(const Case& c, const LayerResult& r, bool exact) {
  const int64_t macs = AnalyticMacs(c.layer);
  EXPECT_EQ(r.macs, macs);
  EXPECT_GE(r.runtime_cycles, (macs + c.hw.num_pes - 1) / c.hw.num_pes)
      << DescribeConv(c);
  if (!exact) return;
  EXPECT_EQ(r.macs_model, macs) << DescribeConv(c);
  const Layer& l = c.layer;
  const int64_t in = l.Get(Dim::kC) * l.Get(Dim::kY) * l.Get(Dim::kX);
  const int64_t flt =
      l.Get(Dim::kK) * l.Get(Dim::kC) * l.Get(Dim::kR) * l.Get(Dim::kS);
  const int64_t out = l.Get(Dim::kK) * l.OutY() * l.OutX();
  EXPECT_GE(r.access[kInput].l2_read, in) << DescribeConv(c);
  EXPECT_GE(r.access[kFilter].l2_read, flt) << DescribeConv(c);
  EXPECT_GE(r.access[kOutput].l2_write, out) << DescribeConv(c);
  EXPECT_GE(r.access[kInput].l1_write, in) << DescribeConv(c);
}

TEST(EnginePropertyTest, MaestroSemanticsSingleLevel) {
  std::mt19937 rng(1234);
  for (int i = 0; i < 400; ++i) {
    Case c = RandomCase(rng, false);
    CheckInvariants(c, Analyze(c, Semantics::kMaestro), /*exact=*/false);
  }
}

TEST(EnginePropertyTest, ExactSemanticsSingleLevel) {
  std::mt19937 rng(99);
  for (int i = 0; i < 400; ++i) {
    Case c = RandomCase(rng, false);
    CheckInvariants(c, Analyze(c, Semantics::kExact), /*exact=*/true);
  }
}

TEST(EnginePropertyTest, ExactSemanticsTwoLevels) {
  std::mt19937 rng(7);
  for (int i = 0; i < 400; ++i) {
    Case c = RandomCase(rng, true);
    CheckInvariants(c, Analyze(c, Semantics::kExact), /*exact=*/true);
  }
}

// Writing the unrolled R and S maps that completion would append anyway
// (TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S, alphabetical, at
// the end) must not change anything.
TEST(EnginePropertyTest, ImplicitAndExplicitDefaultsAgree) {
  std::mt19937 rng(4242);
  for (int i = 0; i < 300; ++i) {
    Case c = RandomCase(rng, i % 2 == 1);
    Case d = c;
    auto& maps = d.mapping.levels[0].maps;
    maps.erase(maps.end() - 2, maps.end());  // drop the trailing R, S maps
    for (Semantics sem : {Semantics::kMaestro, Semantics::kExact}) {
      LayerResult a = Analyze(c, sem), b = Analyze(d, sem);
      EXPECT_EQ(a.runtime_cycles, b.runtime_cycles) << DescribeConv(c);
      EXPECT_EQ(a.macs_model, b.macs_model);
      for (int t = 0; t < kNumTensors; ++t) {
        EXPECT_EQ(a.access[t].l2_read, b.access[t].l2_read);
        EXPECT_EQ(a.access[t].l2_write, b.access[t].l2_write);
        EXPECT_EQ(a.access[t].l1_write, b.access[t].l1_write);
      }
      EXPECT_EQ(a.l1_size_req, b.l1_size_req);
      EXPECT_EQ(a.l2_size_req, b.l2_size_req);
      EXPECT_EQ(a.noc_bw_req_peak, b.noc_bw_req_peak);
    }
  }
}

// ---- Strided layers (strides 1-3), exact semantics -------------------------

namespace stride {

using test::Case;
using test::Describe;

// Input points some window reads: rows (OutY-1)·st + R when R >= st, else
// OutY·R (the rows between windows are never read).
int64_t UsedInput(const Layer& l) {
  if (!l.IsConvLike()) return l.Get(Dim::kM) * l.Get(Dim::kK);
  auto used = [](int64_t out, int64_t st, int64_t f) {
    return f >= st ? (out - 1) * st + f : out * f;
  };
  return l.GetOr1(Dim::kN) * l.Get(Dim::kC) *
         used(l.OutY(), l.stride_y, l.Get(Dim::kR)) *
         used(l.OutX(), l.stride_x, l.Get(Dim::kS));
}
int64_t FilterSize(const Layer& l) {
  if (!l.IsConvLike()) return l.Get(Dim::kK) * l.Get(Dim::kN);
  return l.GetOr1(Dim::kK) * l.Get(Dim::kC) * l.Get(Dim::kR) * l.Get(Dim::kS);
}
int64_t OutputSize(const Layer& l) {
  if (!l.IsConvLike()) return l.Get(Dim::kM) * l.Get(Dim::kN);
  return l.GetOr1(Dim::kN) *
         (l.type == LayerType::kDsconv ? l.Get(Dim::kC) : l.Get(Dim::kK)) *
         l.OutY() * l.OutX();
}

TEST(EnginePropertyTest, StridedInvariants) {
  std::mt19937 rng(31337);
  int strided = 0;
  for (int i = 0; i < 600; ++i) {
    Case c = test::RandomCase(rng, /*big=*/true, /*one_spatial=*/true);
    const Layer& l = c.layer;
    strided += l.stride_y > 1 || l.stride_x > 1;
    const std::string d = Describe(c);
    const int64_t macs = AnalyticMacs(l);
    const int64_t floor = (macs + c.hw.num_pes - 1) / c.hw.num_pes;
    LayerResult x = Analyze(c, Semantics::kExact);
    EXPECT_TRUE(x.loop_nest) << x.exact_fallback << " " << d;
    EXPECT_EQ(x.macs, macs) << d;
    EXPECT_EQ(x.macs_model, macs) << d;
    EXPECT_GE(x.runtime_cycles, floor) << d;
    EXPECT_GE(x.access[kInput].l2_read, UsedInput(l)) << d;
    EXPECT_GE(x.access[kFilter].l2_read, FilterSize(l)) << d;
    EXPECT_GE(x.access[kOutput].l2_write, OutputSize(l)) << d;
    EXPECT_EQ(x.access[kOutput].l2_read, OutputSize(l)) << d;
    for (int t = 0; t < 2; ++t) {  // multicast: each read reaches >= 1 PE
      EXPECT_GE(x.access[t].l1_write, x.access[t].l2_read) << d;
    }
    // Maestro semantics reports the exact MAC count too; its runtime can be
    // below MACs/PEs on such mappings (MAESTRO skips sub-cases with negative
    // tiles and computes sub-levels with base tiles: NOTES.md items 3, 14).
    LayerResult m = Analyze(c, Semantics::kMaestro);
    EXPECT_EQ(m.macs, macs) << d;
  }
  EXPECT_GT(strided, 300);
}

// Y'(n, n) == Y((n-1)·st + R, n·st) == Y((n-1)·st + R + e, n·st) for e < st,
// and an explicit whole R map == none: the exact results are identical.
Case Rewrite(const Case& c, std::mt19937& rng) {
  Case r = c;
  const Layer& l = c.layer;
  for (ClusterLevel& lv : r.mapping.levels) {
    std::vector<Map> maps;
    for (Map m : lv.maps) {
      if (m.dim == Dim::kR) continue;  // whole R: implicit
      const bool y = m.dim == Dim::kY || m.dim == Dim::kYo;
      const bool x = m.dim == Dim::kX || m.dim == Dim::kXo;
      if (l.IsConvLike() && (y || x)) {
        const int64_t st = y ? l.stride_y : l.stride_x;
        const int64_t f = l.Get(y ? Dim::kR : Dim::kS);
        const int64_t n =
            (m.dim == Dim::kYo || m.dim == Dim::kXo)
                ? m.size
                : (st == 1 ? m.size - f + 1 : (m.size - f) / st + 1);
        if (Pick(rng, 0, 1) == 0) {
          m = {m.kind, n, n, y ? Dim::kYo : Dim::kXo};
        } else {
          m = {m.kind, (n - 1) * st + f + Pick(rng, 0, st - 1),
               st == 1 ? n : n * st, y ? Dim::kY : Dim::kX};
        }
      }
      maps.push_back(m);
    }
    if (l.IsConvLike() && Pick(rng, 0, 1) == 0) {
      maps.insert(maps.begin() + Pick(rng, 0, maps.size()),
                  {DirectiveKind::kTemporalMap, l.Get(Dim::kR), l.Get(Dim::kR),
                   Dim::kR});
    }
    lv.maps = maps;
  }
  return r;
}

TEST(EnginePropertyTest, StridedEquivalentRewritesAgree) {
  std::mt19937 rng(4711);
  for (int i = 0; i < 400; ++i) {
    Case c = test::RandomCase(rng, /*big=*/true, /*one_spatial=*/true);
    Case d = Rewrite(c, rng);
    LayerResult a = Analyze(c, Semantics::kExact);
    LayerResult b = Analyze(d, Semantics::kExact);
    const std::string s = Describe(c) + "\n  vs " + Describe(d);
    EXPECT_EQ(a.runtime_cycles, b.runtime_cycles) << s;
    EXPECT_EQ(a.macs_model, b.macs_model) << s;
    for (int t = 0; t < kNumTensors; ++t) {
      EXPECT_EQ(a.access[t].l2_read, b.access[t].l2_read) << s;
      EXPECT_EQ(a.access[t].l2_write, b.access[t].l2_write) << s;
      EXPECT_EQ(a.access[t].l1_write, b.access[t].l1_write) << s;
    }
    EXPECT_EQ(a.l1_size_req, b.l1_size_req) << s;
    EXPECT_EQ(a.l2_size_req, b.l2_size_req) << s;
    EXPECT_EQ(a.noc_bw_req_peak, b.noc_bw_req_peak) << s;
  }
}

}  // namespace stride

}  // namespace
}  // namespace maestro
