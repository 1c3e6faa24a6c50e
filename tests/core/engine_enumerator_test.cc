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
#include <map>
#include <random>
#include <string>

#include "core/engine/analysis.h"
#include "tests/core/engine_enumerator_testlib.h"

namespace maestro {
namespace {

using test::Case;
using test::Describe;
using test::RandomCase;

struct Tally {
  int cases = 0, ok = 0;
  int strided = 0, multi_level = 0, two_spatial = 0, edges = 0, invalid = 0;
  int partial = 0, pairs = 0, fallback = 0;
  std::array<int, 3> types{};
};

// Compares one case; returns whether every count agreed.
// `any_offset`: mappings with arbitrary offsets; outside the loop-nest
// analysis (two SpatialMaps with overlapping unit tiles) they are counted
// and skipped.
bool Compare(const Case& c, Tally& tally, bool any_offset) {
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
  if (any_offset && !r->loop_nest) {
    ++tally.fallback;
    return true;
  }
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
    EXPECT_TRUE(two_spatial || any_offset)
        << "a mapping with one SpatialMap per level left points out or "
           "computed them twice\n  "
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
  bool partial = false, pair = false;
  for (const ClusterLevel& lv : c.mapping.levels) {
    for (const Map& m : lv.maps) {
      const bool f = m.dim == Dim::kR || m.dim == Dim::kS;
      partial = partial || (f && m.size < c.layer.Get(m.dim));
      pair = pair ||
             (f && m.spatial() && m.size < c.layer.Get(m.dim) &&
              std::any_of(lv.maps.begin(), lv.maps.end(), [](const Map& o) {
                return o.spatial() && (o.dim == Dim::kY || o.dim == Dim::kX);
              }));
    }
  }
  tally.partial += partial;
  tally.pairs += pair;
  tally.edges += edge;
  return same;
}

void RunRandom(uint32_t seed, int n, bool big, const char* label,
               bool partial_filter = false, bool any_offset = false) {
  std::mt19937 rng(seed);
  Tally t;
  int failures = 0;
  for (int i = 0; i < n && failures < 10; ++i) {
    Case c =
        RandomCase(rng, big, /*one_spatial=*/false, partial_filter, any_offset);
    if (!Compare(c, t, any_offset)) ++failures;
  }
  if (any_offset) {
    std::printf("enumerator (%s): %d cases outside the loop-nest analysis\n",
                label, t.fallback);
  }
  std::printf(
      "enumerator (%s): %d/%d random cases agree on every count (CONV %d, "
      "DSCONV %d, GEMM %d; strided %d, multi-level %d, two SpatialMaps at a "
      "level %d, uneven PEs/edges %d, not covering every point once %d, "
      "partial R/S tile %d, row-stationary pair %d)\n",
      label, t.ok, t.cases, t.types[0], t.types[1], t.types[2], t.strided,
      t.multi_level, t.two_spatial, t.edges, t.invalid, t.partial, t.pairs);
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

// One level tiles R or S partially: Eyeriss/MAERI's row-stationary pair
// (SpatialMap(1,1) Y; SpatialMap(1,1) R: filter rows over the units) or a
// TemporalMap/SpatialMap(r, r) on R beside Y' maps.
TEST(EngineEnumeratorTest, ExactCountsEqualTheLoopNestWalkPartialFilter) {
  RunRandom(4242, 800, false, "partial R/S", /*partial_filter=*/true);
  RunRandom(4243, 300, true, "partial R/S, larger", /*partial_filter=*/true);
}

// Offsets from 1 to tile + 1: overlapping tiles (points computed twice)
// and gaps (points left out) — not valid mappings, but what they do is
// still counted exactly.
TEST(EngineEnumeratorTest, ExactCountsEqualTheLoopNestWalkAnyOffset) {
  RunRandom(99, 600, false, "any offset", /*partial_filter=*/true,
            /*any_offset=*/true);
  RunRandom(98, 200, true, "any offset, larger", /*partial_filter=*/false,
            /*any_offset=*/true);
}

// Random layers and mappings as a user may write them (RandomCase's broad
// cases: partial R/S tiles of any size at any levels, Y/X maps in input or
// output coordinates beside them, now and then any offset, two
// SpatialMaps). ResolveDataflow refuses a mapping when one of its levels
// does not partition the tile it receives; the walk must confirm that the
// refused mapping does not compute every point once, except for the rare
// mapping where a gap at one level happens to cancel an overlap at another
// (under 1 % of the refusals), and that every accepted mapping does. Of
// the accepted ones, the share outside the loop-nest analysis is printed
// and stays under 1 %, and inside it every count equals the walk.
TEST(EngineEnumeratorTest, FallbackRateOfRandomValidMappings) {
  std::mt19937 rng(8);
  int total = 0, valid = 0, refused_coverage = 0, refused_other = 0;
  int fallback = 0, cancelled = 0;
  std::map<std::string, int> why;
  Tally tally;
  int failures = 0;
  for (int i = 0; i < 4000 && failures < 10; ++i) {
    Case c = RandomCase(rng, /*big=*/i % 4 == 3, /*one_spatial=*/false,
                        /*partial_filter=*/false, /*any_offset=*/false,
                        /*broad=*/true);
    ++total;
    absl::StatusOr<ResolvedMapping> m =
        ResolveDataflow(test::ToDataflow(c.mapping), c.layer, c.hw);
    absl::StatusOr<test::Enumerated> e =
        test::EnumerateMapping(c.layer, c.mapping);
    const bool once = e.ok() && e->min_point == 1 && e->max_point == 1;
    if (!m.ok()) {
      const std::string msg(m.status().message());
      const bool coverage =
          msg.find("more than one tile") != std::string::npos ||
          msg.find("in no tile") != std::string::npos ||
          msg.find("advance together") != std::string::npos;
      if (coverage) {
        ++refused_coverage;
        cancelled += once;
      } else {
        // MAESTRO's rules: offset > size (gaps), a TemporalMap on R/S that
        // is not the whole filter, a Y/X tile smaller than the filter's.
        ++refused_other;
      }
      continue;
    }
    ++valid;
    EXPECT_TRUE(once) << "accepted, but not every point computed once\n  "
                      << Describe(c);
    ASSERT_EQ(m->levels.size(), c.mapping.levels.size());
    AnalysisOptions o;
    absl::StatusOr<LayerResult> r = AnalyzeLayer(c.layer, *m, c.hw, o);
    ASSERT_TRUE(r.ok()) << r.status() << "\n  " << Describe(c);
    if (!r->loop_nest) {
      ++fallback;
      ++why[r->exact_fallback];
      continue;
    }
    if (!Compare(c, tally, /*any_offset=*/false)) ++failures;
  }
  std::printf(
      "broad random cases: %d; refused %d (%d leave points out or compute "
      "them twice at a level, %d of them cancelled by another level, %d by "
      "MAESTRO's directive rules); %d valid, of which %d (%.2f %%) outside "
      "the loop-nest analysis; %d/%d inside agree on every count\n",
      total, refused_coverage + refused_other, refused_coverage, cancelled,
      refused_other, valid, fallback, valid ? 100.0 * fallback / valid : 0.0,
      tally.ok, tally.cases);
  for (const auto& [reason, n] : why) {
    std::printf("  fallback: %d x %s\n", n, reason.c_str());
  }
  EXPECT_EQ(tally.ok, tally.cases);
  EXPECT_LT(100 * cancelled, refused_coverage);  // under 1 %
  EXPECT_LT(100 * fallback, valid);              // under 1 %
  EXPECT_GT(valid, total / 3);
}

}  // namespace
}  // namespace maestro
