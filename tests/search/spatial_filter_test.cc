// The genome's spread filter dims (`--spatial-rs`): R/S as a level's
// spatial dim (rs) and the Eyeriss pair `SpatialMap(r,r) Y; SpatialMap(r,r)
// R` beside Y' (cospatial). Emission re-parsed equals ToResolved,
// FromResolved gives the genome back, repair, the canonical form's
// property, counting (T1) against enumeration, the operators, and the
// library's eyeriss as an exact genome.
#include "absl/container/flat_hash_set.h"
#include "core/dsl/parser.h"
#include "core/dsl/printer.h"
#include "core/engine/analysis.h"
#include "gtest/gtest.h"
#include "mappings/library.h"
#include "search/genome.h"
#include "search/operators.h"
#include "search/rng.h"
#include "search/search.h"
#include "search/space.h"
#include "tests/core/layers_testlib.h"
#include "tests/search/round_trip_testlib.h"

namespace maestro::search {
namespace {

using test_support::Conv;
using test_support::Dw;
using test_support::With;

constexpr SpatialFilter kModes[] = {SpatialFilter::kRs,
                                    SpatialFilter::kCospatial};

Hardware Pes(int64_t n) {
  Hardware hw = *HardwarePreset("pe256");
  hw.num_pes = n;
  return hw;
}

SearchSpace Space(const Layer& l, int64_t pes, int levels, TileDomain t,
                  SpatialFilter f) {
  absl::StatusOr<SearchSpace> s = MakeSearchSpace(l, Pes(pes), {levels, t, f});
  EXPECT_TRUE(s.ok()) << s.status();
  return *s;
}

std::vector<SearchSpace> Spaces(SpatialFilter f) {
  return {Space(Conv("conv", 16, 8, 10, 3), 16, 3, TileDomain::kAny, f),
          Space(With(Conv("conv_s2", 12, 6, 15, 3, 2), Dim::kX, 13), 16, 3,
                TileDomain::kAny, f),
          Space(Conv("conv5", 6, 4, 9, 5), 8, 2, TileDomain::kDivisors, f),
          Space(Dw("dw", 12, 11, 3, 2), 16, 3, TileDomain::kAny, f),
          Space(Conv("c1x1", 8, 8, 9, 1), 8, 2, TileDomain::kPow2, f)};
}

// How many levels of `g` spread a filter dim alone / in a pair.
struct Spread {
  int filter = 0, pair = 0;
};
Spread CountSpread(const SearchSpace& s, const Genome& g) {
  Spread n;
  for (int l = 0; l < g.num_levels; ++l) {
    const GenomeLevel& lv = g.levels[l];
    n.pair += lv.co;
    n.filter += !lv.co && lv.sp >= kMaxDims;
  }
  return n;
}

TEST(SpatialFilter, ChoicesAndNames) {
  EXPECT_EQ(ParseSpatialFilter("off"), SpatialFilter::kOff);
  EXPECT_EQ(ParseSpatialFilter("rs"), SpatialFilter::kRs);
  EXPECT_EQ(ParseSpatialFilter("cospatial"), SpatialFilter::kCospatial);
  EXPECT_FALSE(ParseSpatialFilter("on").has_value());
  const Layer conv = Conv("conv", 4, 4, 4, 3);
  EXPECT_EQ(
      Space(conv, 4, 1, TileDomain::kAny, SpatialFilter::kOff).SpatialChoices(),
      4);
  EXPECT_EQ(
      Space(conv, 4, 1, TileDomain::kAny, SpatialFilter::kRs).SpatialChoices(),
      6);
  const SearchSpace co =
      Space(conv, 4, 1, TileDomain::kAny, SpatialFilter::kCospatial);
  EXPECT_EQ(co.SpatialChoices(), 8);
  EXPECT_EQ(SpatialChoiceAt(co, 4).sp, kSlotR);
  EXPECT_EQ(SpatialChoiceAt(co, 5).sp, kSlotS);
  EXPECT_EQ(co.dims[SpatialChoiceAt(co, 6).sp], Dim::kYo);
  EXPECT_TRUE(SpatialChoiceAt(co, 6).co);
  EXPECT_EQ(co.dims[SpatialChoiceAt(co, 7).sp], Dim::kXo);
  // A 1x1 filter has no pair (r < R is impossible); GEMM has no filter.
  EXPECT_EQ(Space(Conv("c1", 4, 4, 4, 1), 4, 1, TileDomain::kAny,
                  SpatialFilter::kCospatial)
                .SpatialChoices(),
            6);
  const SearchSpace gemm = Space(test_support::Gemm("g", 4, 5, 6), 4, 1,
                                 TileDomain::kAny, SpatialFilter::kCospatial);
  EXPECT_EQ(gemm.spatial_rs, SpatialFilter::kOff);
  EXPECT_EQ(gemm.SpatialChoices(), 3);
}

TEST(SpatialFilter, RepairIsValidAndIdempotent) {
  for (SpatialFilter f : kModes) {
    Spread seen;
    for (const SearchSpace& s : Spaces(f)) {
      for (uint64_t i = 0; i < 300; ++i) {
        Rng rng = Rng::For(1, 2, 3, i, Op::kRandom);
        Genome g = RandomGenome(s, 1 + i % 3, rng);
        for (int l = 0; l < kMaxLevels; ++l) {
          GenomeLevel& lv = g.levels[l];
          for (int d = 0; d < kTileSlots; ++d)
            lv.tile[d] += rng.Uniform(-3, 40);
          lv.cluster += rng.Uniform(-2, 30);
          if (rng.Chance(0.3)) lv.sp = static_cast<int8_t>(rng.Uniform(-2, 9));
          if (rng.Chance(0.3)) lv.co = !lv.co;
        }
        Repair(s, g);
        EXPECT_EQ(StructuralError(s, g), "") << Describe(s, g);
        Genome h = g;
        Repair(s, h);
        EXPECT_EQ(g, h) << Describe(s, g);
        const Spread n = CountSpread(s, g);
        seen.filter += n.filter;
        seen.pair += n.pair;
      }
    }
    EXPECT_GT(seen.filter, 100);
    if (f == SpatialFilter::kCospatial) {
      EXPECT_GT(seen.pair, 100);
    } else {
      EXPECT_EQ(seen.pair, 0);
    }
  }
}

// ToResolved equals what the parser and ResolveDataflow make of the emitted
// text, and FromResolved gives the genome back (canonically).
TEST(SpatialFilter, EmissionRoundTrip) {
  for (SpatialFilter f : kModes) {
    Spread seen;
    for (const SearchSpace& s : Spaces(f)) {
      const Hardware hw = Pes(s.num_pes);
      for (uint64_t i = 0; i < 200; ++i) {
        Rng rng = Rng::For(7, 0, 0, i, Op::kRandom);
        const Genome g = RandomGenome(s, 1 + i % s.max_levels, rng);
        ExpectEmissionRoundTrip(s, g, hw);
        const Spread n = CountSpread(s, g);
        seen.filter += n.filter;
        seen.pair += n.pair;
      }
    }
    EXPECT_GT(seen.filter, 50);
    if (f == SpatialFilter::kCospatial) {
      EXPECT_GT(seen.pair, 50);
    }
  }
}

// A pair is emitted as MAESTRO writes Eyeriss: input-coordinate Y beside R,
// both of the pair's tile; the level's Y' is not tiled.
TEST(SpatialFilter, PairEmission) {
  const SearchSpace s = Space(Conv("c", 8, 4, 10, 3), 16, 2, TileDomain::kAny,
                              SpatialFilter::kCospatial);
  Genome g = AllOnesGenome(s);
  g.num_levels = 2;
  g.levels[0].sp = 0;  // K
  g.levels[0].tile = {1, 4, 8, 8};
  g.levels[1].sp = 2;  // Y' with R
  g.levels[1].co = true;
  g.levels[1].tile = {1, 1, 1, 1};
  g.levels[1].cluster = 3;
  Repair(s, g);
  ASSERT_EQ(StructuralError(s, g), "");
  EXPECT_EQ(g.levels[1].tile[2], 8);       // Y' untiled at the pair's level
  EXPECT_EQ(g.levels[1].tile[kSlotR], 1);  // drawn 1
  EXPECT_EQ(g.levels[1].tile[kSlotS], 3);  // not spread: the filter
  EXPECT_EQ(g.levels[0].tile[kSlotR], 3);
  EXPECT_EQ(Describe(s, g), "L0[K1* C4 Y'8 X'8] C3 L1[C1 Y'8* X'1 K1 R1*]");
  const Dataflow df = ToDataflow(s, g);
  std::vector<std::string> lines;
  for (const Directive& d : df.directives) lines.push_back(d.ToString());
  EXPECT_EQ(
      lines,
      (std::vector<std::string>{
          "SpatialMap(1,1) K", "TemporalMap(4,4) C", "TemporalMap(10,8) Y",
          "TemporalMap(10,8) X", "TemporalMap(Sz(R),Sz(R)) R",
          "TemporalMap(Sz(S),Sz(S)) S", "Cluster(3,P)", "TemporalMap(1,1) C",
          "SpatialMap(1,1) Y", "SpatialMap(1,1) R", "TemporalMap(3,1) X",
          "TemporalMap(1,1) K", "TemporalMap(Sz(S),Sz(S)) S"}));
  // The mutation's filter locus toggles the pair off and on (every 3-locus
  // mutation of enough offspring).
  int on = 0, off = 0;
  for (uint64_t k = 0; k < 400; ++k) {
    const Genome c = Offspring(s, g, g, {k, 1, 1, 0});
    EXPECT_EQ(StructuralError(s, c), "");
    if (c.num_levels > 1) (c.levels[1].co ? on : off) += 1;
  }
  EXPECT_GT(on, 0);
  EXPECT_GT(off, 0);
}

// Every placement of the non-ordered dims (not iterating, not a pair's
// Y'/X') gives identical metrics, under both semantics; the spread filter
// maps stay where the emission puts them.
TEST(SpatialFilter, NonIteratingPlacementDoesNotMatter) {
  int checked = 0;
  for (SpatialFilter f : kModes) {
    for (const SearchSpace& s : Spaces(f)) {
      const Hardware hw = Pes(s.num_pes);
      for (uint64_t i = 0; i < 40; ++i) {
        Rng rng = Rng::For(11, 0, 0, i, Op::kRandom);
        const Genome g =
            Canonical(s, RandomGenome(s, 1 + i % s.max_levels, rng));
        const ResolvedMapping canon = ToResolved(s, g);
        ResolvedMapping moved = canon;
        for (int l = 0; l < g.num_levels; ++l) {
          // The maps of each searched dim (a pair's R with its Y), then the
          // filter maps not in a pair.
          std::vector<std::vector<Map>> of(s.n);
          std::vector<Map> filters;
          int last = -1;
          for (const Map& m : canon.levels[l].maps) {
            int d = -1;
            for (int k = 0; k < s.n; ++k) {
              const Dim want = s.dims[k] == Dim::kYo   ? Dim::kY
                               : s.dims[k] == Dim::kXo ? Dim::kX
                                                       : s.dims[k];
              if (m.dim == want) d = k;
            }
            const int sp = g.levels[l].sp;
            const bool pair_r =
                g.levels[l].co && last == sp &&
                m.dim == (s.dims[sp] == Dim::kYo ? Dim::kR : Dim::kS);
            if (pair_r) d = last;
            (d >= 0 ? of[d] : filters).push_back(m);
            last = d;
          }
          // Reverse the non-ordered tail and move it first.
          std::vector<int> it, rest;
          for (int k = 0; k < s.n; ++k) {
            const int d = g.levels[l].order[k];
            (Ordered(s, g, l, d) ? it : rest).push_back(d);
          }
          std::vector<int> o(rest.rbegin(), rest.rend());
          o.insert(o.end(), it.begin(), it.end());
          std::vector<Map> maps;
          for (int d : o) maps.insert(maps.end(), of[d].begin(), of[d].end());
          maps.insert(maps.end(), filters.begin(), filters.end());
          ASSERT_EQ(maps.size(), canon.levels[l].maps.size());
          moved.levels[l].maps = maps;
        }
        for (Semantics sem : {Semantics::kExact, Semantics::kMaestro}) {
          AnalysisOptions o;
          o.semantics = sem;
          absl::StatusOr<LayerResult> a = AnalyzeLayer(s.layer, canon, hw, o);
          absl::StatusOr<LayerResult> b = AnalyzeLayer(s.layer, moved, hw, o);
          ASSERT_EQ(a.ok(), b.ok()) << Describe(s, g);
          if (!a.ok()) continue;
          EXPECT_EQ(a->runtime_cycles, b->runtime_cycles) << Describe(s, g);
          EXPECT_EQ(a->l1_size_req, b->l1_size_req) << Describe(s, g);
          EXPECT_EQ(a->l2_size_req, b->l2_size_req) << Describe(s, g);
          EXPECT_DOUBLE_EQ(a->energy_pj, b->energy_pj) << Describe(s, g);
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 2 * 5 * 40 * 2 - 40);
}

// Under exact semantics the engine drops the pair's Y map from the loop
// nest (its rows hold no whole window): a pair level runs as the level
// spreading R (S) alone with Y' (X') untiled — same runtime and buffer
// needs; the energy differs (the pair's Y map still shapes the input
// reads). Under maestro semantics the runtimes differ too.
TEST(SpatialFilter, PairIsSpreadFilterRowsUnderExact) {
  int pairs = 0, maestro_differs = 0, energy_differs = 0;
  for (const SearchSpace& s : Spaces(SpatialFilter::kCospatial)) {
    const Hardware hw = Pes(s.num_pes);
    for (uint64_t i = 0; i < 150; ++i) {
      Rng rng = Rng::For(17, 0, 0, i, Op::kRandom);
      const Genome g = RandomGenome(s, 1 + i % s.max_levels, rng);
      Genome h = g;
      bool any = false;
      for (int l = 0; l < h.num_levels; ++l) {
        GenomeLevel& lv = h.levels[l];
        if (!lv.co) continue;
        lv.sp = static_cast<int8_t>(SpreadSlot(s, lv));
        lv.co = false;
        any = true;
      }
      if (!any) continue;
      ASSERT_EQ(StructuralError(s, h), "") << Describe(s, h);
      ++pairs;
      for (Semantics sem : {Semantics::kExact, Semantics::kMaestro}) {
        AnalysisOptions o;
        o.semantics = sem;
        absl::StatusOr<LayerResult> a =
            AnalyzeLayer(s.layer, ToResolved(s, g), hw, o);
        absl::StatusOr<LayerResult> b =
            AnalyzeLayer(s.layer, ToResolved(s, h), hw, o);
        ASSERT_TRUE(a.ok() && b.ok()) << Describe(s, g);
        if (sem == Semantics::kMaestro) {
          maestro_differs += a->runtime_cycles != b->runtime_cycles;
          continue;
        }
        EXPECT_EQ(a->runtime_cycles, b->runtime_cycles) << Describe(s, g);
        EXPECT_EQ(a->l1_size_req, b->l1_size_req) << Describe(s, g);
        EXPECT_EQ(a->l2_size_req, b->l2_size_req) << Describe(s, g);
        energy_differs += a->energy_pj != b->energy_pj;
      }
    }
  }
  EXPECT_GT(pairs, 100);
  EXPECT_GT(maestro_differs, 0);
  EXPECT_GT(energy_differs, 0);
}

struct Counted {
  int64_t raw = 0, distinct = 0, canonical = 0;
};

Counted Enumerate(const SearchSpace& s, int levels) {
  Counted c;
  absl::flat_hash_set<uint64_t> keys;
  EnumerateGenomes(s, levels, /*raw=*/true, [&](const Genome& g) {
    ++c.raw;
    // The raw space also holds cluster tuples above the PEs.
    if (StructuralError(s, g).empty()) keys.insert(CanonicalKey(s, g));
    return true;
  });
  c.distinct = static_cast<int64_t>(keys.size());
  EnumerateGenomes(s, levels, /*raw=*/false, [&](const Genome& g) {
    EXPECT_EQ(StructuralError(s, g), "");
    return ++c.canonical, true;
  });
  return c;
}

// T1 with the opt-in. E1 (CONV K=C=4, Y=X=4, R=S=3, 4 PEs, L=1, any
// tiles): per spatial choice tile chains x filter tiles x 4!: 4 searched
// dims x 64, R and S x 64 x 3 (tiles 1..3), cospatial also the pairs Y'+R,
// X'+S x 32 (Y' untiled) x 2 (R tile 1..2): rs 24 x 640 = 15,360,
// cospatial 24 x 768 = 18,432.
TEST(SpatialFilter, CountMatchesEnumeration) {
  const Layer e1 = Conv("conv", 4, 4, 4, 3);
  EXPECT_EQ(
      CountSpace(Space(e1, 4, 1, TileDomain::kAny, SpatialFilter::kOff), 1).raw,
      6144);
  const std::pair<SpatialFilter, int64_t> e1_raw[] = {
      {SpatialFilter::kRs, 15360}, {SpatialFilter::kCospatial, 18432}};
  for (auto [f, raw] : e1_raw) {
    const SearchSpace s = Space(e1, 4, 1, TileDomain::kAny, f);
    const SpaceSize z = CountSpace(s, 1);
    EXPECT_EQ(static_cast<int64_t>(z.raw), raw);
    const Counted c = Enumerate(s, 1);
    EXPECT_EQ(c.raw, raw);
    EXPECT_EQ(c.distinct, static_cast<int64_t>(z.canonical));
    EXPECT_EQ(c.canonical, c.distinct);
  }
  // Two and three levels, divisor and power-of-2 tiles, clusters.
  const SearchSpace small[] = {
      Space(Dw("dw", 2, 4, 3, 1), 4, 2, TileDomain::kDivisors,
            SpatialFilter::kCospatial),
      Space(With(Dw("dw3", 1, 4, 3, 1), Dim::kX, 3), 2, 2, TileDomain::kAny,
            SpatialFilter::kRs),
      Space(With(Dw("dw3", 1, 4, 3, 1), Dim::kX, 3), 1, 3, TileDomain::kPow2,
            SpatialFilter::kCospatial)};
  for (const SearchSpace& s : small) {
    for (int levels = 1; levels <= s.max_levels; ++levels) {
      const SpaceSize z = CountSpace(s, levels);
      const Counted c = Enumerate(s, levels);
      EXPECT_EQ(c.raw, static_cast<int64_t>(z.raw)) << s.layer.name << levels;
      EXPECT_EQ(c.distinct, static_cast<int64_t>(z.canonical))
          << s.layer.name << levels;
      EXPECT_EQ(c.canonical, c.distinct) << s.layer.name << levels;
      EXPECT_GT(z.canonical, CountSpace(Space(s.layer, s.num_pes, s.max_levels,
                                              s.tiles, SpatialFilter::kOff),
                                        levels)
                                 .canonical);
    }
  }
}

// The library's eyeriss on a 3x3 conv: no genome without pairs, an exact
// one (same metrics, both semantics) with them.
TEST(SpatialFilter, EyerissIsAnExactGenome) {
  const Layer l = Conv("c", 64, 64, 58, 3);
  const Hardware hw = *HardwarePreset("pe256");
  const DataflowLibrary& lib = **DataflowLibrary::Builtin();
  const DataflowLibraryFile* eyeriss = nullptr;
  for (const DataflowLibraryFile& e : lib.entries()) {
    if (e.name == "eyeriss") eyeriss = &e;
  }
  ASSERT_NE(eyeriss, nullptr);
  const Dataflow& df = **DataflowForLayer(*eyeriss, l, LayerRole::kConv);
  const ResolvedMapping rm = *ResolveDataflow(df, l, hw);
  for (SpatialFilter f : {SpatialFilter::kOff, SpatialFilter::kRs}) {
    EXPECT_FALSE(
        FromResolved(*MakeSearchSpace(l, hw, {3, TileDomain::kAny, f}), rm));
  }
  const SearchSpace s =
      *MakeSearchSpace(l, hw, {3, TileDomain::kAny, SpatialFilter::kCospatial});
  std::optional<Genome> g = FromResolved(s, rm);
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(Describe(s, *g), "L0[Y'1* X'1 C1 K16] C3 L1[Y'1* K16 C1 X'1 R1*]");
  for (Semantics sem : {Semantics::kExact, Semantics::kMaestro}) {
    AnalysisOptions o;
    o.semantics = sem;
    absl::StatusOr<LayerResult> a = AnalyzeLayer(l, rm, hw, o);
    absl::StatusOr<LayerResult> b = AnalyzeLayer(l, ToResolved(s, *g), hw, o);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->runtime_cycles, b->runtime_cycles) << SemanticsName(sem);
    EXPECT_EQ(a->l1_size_req, b->l1_size_req) << SemanticsName(sem);
    EXPECT_EQ(a->l2_size_req, b->l2_size_req) << SemanticsName(sem);
    EXPECT_DOUBLE_EQ(a->energy_pj, b->energy_pj) << SemanticsName(sem);
  }
}

// gamma on GAMMA's depthwise layer (L5) with pairs: its operators draw
// and evaluate genomes spreading R/S and pairs (661 and 835 of 2,992 when
// written), and the winner is never worse than without them (the default
// space is inside).
TEST(SpatialFilter, GammaExploresSpreadFilterDims) {
  Layer l = Dw("L5", 144, 56, 3, 1);
  const Hardware hw = *HardwarePreset("pe256");
  SearchOptions o;
  o.budget = {BudgetKind::kEvals, 3000};
  o.budget_given = true;
  absl::StatusOr<LayerSearch> off = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(off.ok());
  o.space.spatial_rs = SpatialFilter::kCospatial;
  const SearchSpace s = *MakeSearchSpace(l, hw, o.space);
  int64_t evaluated = 0, filter = 0, pair = 0;
  o.on_evaluated = [&](const std::vector<Candidate>& batch) {
    for (const Candidate& c : batch) {
      const Spread n = CountSpread(s, c.genome);
      ++evaluated;
      filter += n.filter > 0;
      pair += n.pair > 0;
    }
  };
  absl::StatusOr<LayerSearch> on = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(on.ok());
  EXPECT_GT(evaluated, 2900);
  EXPECT_GT(filter, evaluated / 20) << filter << " of " << evaluated;
  EXPECT_GT(pair, evaluated / 20) << pair << " of " << evaluated;
  EXPECT_LE(on->best.metrics.runtime_cycles, off->best.metrics.runtime_cycles);
}

}  // namespace
}  // namespace maestro::search
