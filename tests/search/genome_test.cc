// The genome: counting (T1), repair, canonical form, emission and the
// exact genomes of library dataflows' resolved mappings.
#include "search/genome.h"

#include "absl/container/flat_hash_set.h"
#include "core/dsl/parser.h"
#include "core/dsl/printer.h"
#include "core/engine/analysis.h"
#include "gtest/gtest.h"
#include "search/rng.h"
#include "search/space.h"
#include "tests/core/layers_testlib.h"
#include "tests/search/round_trip_testlib.h"

namespace maestro::search {
namespace {

using test_support::Conv;
using test_support::Dw;
using test_support::Gemm;
using test_support::With;

Hardware Pes(int64_t n) {
  Hardware hw = *HardwarePreset("pe256");
  hw.num_pes = n;
  return hw;
}

SearchSpace Space(const Layer& l, int64_t pes, int levels, TileDomain t) {
  absl::StatusOr<SearchSpace> s = MakeSearchSpace(l, Pes(pes), {levels, t});
  EXPECT_TRUE(s.ok()) << s.status();
  return *s;
}

struct Counted {
  int64_t raw = 0;
  int64_t distinct = 0;
};

Counted Enumerate(const SearchSpace& s, int levels) {
  Counted c;
  absl::flat_hash_set<uint64_t> keys;
  EnumerateGenomes(s, levels, /*raw=*/true, [&](const Genome& g) {
    ++c.raw;
    keys.insert(CanonicalKey(s, g));
    return true;
  });
  c.distinct = static_cast<int64_t>(keys.size());
  return c;
}

// T1, E1: CONV K=C=4, Y=X=4, R=S=3, 4 PEs, L=1, any tiles: 64 * 4! * 4.
TEST(SpaceCount, E1) {
  const SearchSpace s = Space(Conv("conv", 4, 4, 4, 3), 4, 1, TileDomain::kAny);
  const SpaceSize z = CountSpace(s, 1);
  EXPECT_EQ(static_cast<int64_t>(z.raw), 6144);
  const Counted c = Enumerate(s, 1);
  EXPECT_EQ(c.raw, 6144);
  EXPECT_EQ(c.distinct, static_cast<int64_t>(z.canonical));
  int64_t canonical = 0;
  EnumerateGenomes(s, 1, false,
                   [&](const Genome&) { return ++canonical, true; });
  EXPECT_EQ(canonical, c.distinct);
}

// T1, E2: K=C=2, Y=X=4, R=S=3, 4 PEs, L=2, divisor tiles, clusters {1,2,4}.
TEST(SpaceCount, E2) {
  const SearchSpace s =
      Space(Conv("conv", 2, 2, 4, 3), 4, 2, TileDomain::kDivisors);
  EXPECT_EQ(s.ClusterChoices(), (std::vector<int64_t>{1, 2, 4}));
  const SpaceSize z = CountSpace(s, 2);
  EXPECT_EQ(static_cast<int64_t>(z.raw), 2239488);
  const Counted c = Enumerate(s, 2);
  EXPECT_EQ(c.raw, 2239488);
  EXPECT_EQ(c.distinct, static_cast<int64_t>(z.canonical));
}

// VGG16 conv2 (K=C=64, Y'=X'=222, L=2, 256 cluster sizes): the spec's
// 2.65e15 tile chains x (4!*4)^2 x 256 ~ 6.25e21.
TEST(SpaceCount, Vgg16Conv2) {
  const SearchSpace s =
      Space(Conv("conv", 64, 64, 224, 3), 256, 2, TileDomain::kAny);
  const SpaceSize z = CountSpace(s, 2);
  const long double chains = 2080.0L * 2080 * 24753 * 24753;
  EXPECT_EQ(z.raw, chains * 9216 * 256);
  EXPECT_NEAR(static_cast<double>(z.raw), 6.25e21, 0.01e21);
  EXPECT_LT(z.canonical, z.raw);
}

std::vector<SearchSpace> Spaces() {
  return {Space(Conv("conv", 16, 8, 10, 3), 16, 3, TileDomain::kAny),
          Space(With(Conv("conv", 12, 6, 15, 3, 2), Dim::kX, 13), 16, 3,
                TileDomain::kAny),
          Space(Conv("conv", 8, 8, 9, 1), 8, 2, TileDomain::kDivisors),
          Space(Dw("conv", 12, 11, 3, 2), 16, 3, TileDomain::kAny),
          Space(Gemm("gemm", 12, 10, 9), 16, 3, TileDomain::kPow2)};
}

TEST(Genome, RepairIsValidAndIdempotent) {
  for (const SearchSpace& s : Spaces()) {
    for (uint64_t i = 0; i < 300; ++i) {
      Rng rng = Rng::For(1, 2, 3, i, Op::kRandom);
      Genome g = RandomGenome(s, 1 + i % 3, rng);
      // Scramble then repair.
      for (int l = 0; l < kMaxLevels; ++l) {
        for (int d = 0; d < s.n; ++d)
          g.levels[l].tile[d] += rng.Uniform(-3, 40);
        g.levels[l].cluster += rng.Uniform(-2, 30);
      }
      Repair(s, g);
      EXPECT_EQ(StructuralError(s, g), "") << Describe(s, g);
      Genome h = g;
      Repair(s, h);
      EXPECT_EQ(g, h);
      EXPECT_GE(TopUnits(s, g), 1);
    }
  }
}

// ToResolved equals what the parser and ResolveDataflow make of the emitted
// text, and FromResolved gives the genome back (canonically).
TEST(Genome, EmissionRoundTrip) {
  for (const SearchSpace& s : Spaces()) {
    const Hardware hw = Pes(s.num_pes);
    for (uint64_t i = 0; i < 200; ++i) {
      Rng rng = Rng::For(7, 0, 0, i, Op::kRandom);
      const Genome g = RandomGenome(s, 1 + i % s.max_levels, rng);
      ExpectEmissionRoundTrip(s, g, hw);
    }
  }
}

// 1.3's property: every placement of the non-iterating dims gives identical
// metrics, under both semantics.
TEST(Genome, NonIteratingPlacementDoesNotMatter) {
  int checked = 0;
  for (const SearchSpace& s : Spaces()) {
    const Hardware hw = Pes(s.num_pes);
    for (uint64_t i = 0; i < 60; ++i) {
      Rng rng = Rng::For(11, 0, 0, i, Op::kRandom);
      const Genome g = Canonical(s, RandomGenome(s, 1 + i % s.max_levels, rng));
      Genome h = g;
      // Reverse the non-iterating tail of every level and move it first.
      for (int l = 0; l < g.num_levels; ++l) {
        std::vector<int8_t> it, rest;
        for (int k = 0; k < s.n; ++k) {
          const int8_t d = g.levels[l].order[k];
          (Trips(s, g, l, d) > 1 ? it : rest).push_back(d);
        }
        std::vector<int8_t> o(rest.rbegin(), rest.rend());
        o.insert(o.end(), it.begin(), it.end());
        std::copy(o.begin(), o.end(), h.levels[l].order.begin());
      }
      ASSERT_EQ(CanonicalKey(s, g), CanonicalKey(s, h));
      // Evaluate h with its own (non-canonical) order.
      ResolvedMapping mh = ToResolved(s, g);
      for (int l = 0; l < g.num_levels; ++l) {
        std::vector<Map> maps;
        for (int k = 0; k < s.n; ++k) {
          for (const Map& m : mh.levels[l].maps) {
            const int8_t d = h.levels[l].order[k];
            const Dim want = s.dims[d] == Dim::kYo   ? Dim::kY
                             : s.dims[d] == Dim::kXo ? Dim::kX
                                                     : s.dims[d];
            if (m.dim == want) maps.push_back(m);
          }
        }
        for (const Map& m : mh.levels[l].maps) {
          if (m.dim == Dim::kR || m.dim == Dim::kS) maps.push_back(m);
        }
        mh.levels[l].maps = maps;
      }
      for (Semantics sem : {Semantics::kExact, Semantics::kMaestro}) {
        AnalysisOptions o;
        o.semantics = sem;
        absl::StatusOr<LayerResult> a =
            AnalyzeLayer(s.layer, ToResolved(s, g), hw, o);
        absl::StatusOr<LayerResult> b = AnalyzeLayer(s.layer, mh, hw, o);
        ASSERT_TRUE(a.ok() && b.ok());
        EXPECT_EQ(a->runtime_cycles, b->runtime_cycles) << Describe(s, g);
        EXPECT_EQ(a->l1_size_req, b->l1_size_req) << Describe(s, g);
        EXPECT_EQ(a->l2_size_req, b->l2_size_req) << Describe(s, g);
        EXPECT_DOUBLE_EQ(a->energy_pj, b->energy_pj) << Describe(s, g);
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 5 * 60 * 2);
}

TEST(Genome, Unsupported) {
  Layer l = Conv("conv", 4, 4, 4, 1);
  l.type = LayerType::kNgconv;
  l.Set(Dim::kG, 2);
  EXPECT_FALSE(MakeSearchSpace(l, Pes(4), {}).ok());
}

}  // namespace
}  // namespace maestro::search
