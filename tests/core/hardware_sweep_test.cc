// engine::HardwareSweep (core/engine/hardware_sweep.h) against
// engine::Evaluate: every field of the figures identical (integers equal,
// doubles bit-equal) over many random mappings of several layers and many
// random hardware points sharing the PE array, under both semantics; no
// heap allocation per Evaluate (a counting global operator new); errors for
// a changed PE array, a bad bandwidth and a failed Prepare.
#include "core/engine/hardware_sweep.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/engine/analysis.h"
#include "core/engine/fast_eval.h"
#include "gtest/gtest.h"
#include "tests/core/count_allocations.h"
#include "tests/core/figures_testlib.h"
#include "tests/core/layers_testlib.h"

using maestro::test_support::g_allocs;
using maestro::test_support::g_counting;

namespace maestro::engine {
namespace {

using test_support::ExpectSameFigures;

constexpr DirectiveKind kT = DirectiveKind::kTemporalMap;
constexpr DirectiveKind kSp = DirectiveKind::kSpatialMap;

using test_support::Conv;  // K C Y(=X) R(=S) [stride]

std::vector<Layer> Layers() {
  return {Conv("conv3x3", 24, 10, 22, 3), Conv("conv_s2_7x7", 12, 3, 29, 7, 2),
          test_support::With(Conv("conv1x1_b2", 20, 12, 9, 1), Dim::kN, 2),
          test_support::Dw("dw3x3_s2", 20, 31, 3, 2),
          test_support::Gemm("gemm", 33, 17, 40)};
}

// A random mapping of 1-3 levels: every dim of the layer at every level in
// a random order, tiles inside the level above's (input rows and columns
// as sliding windows of whole output rows), one or two SpatialMaps, the
// filter dims whole; the units within the PEs. Not every one is valid
// (ValidateMapping decides).
MappingValue RandomMapping(const Layer& layer, const Hardware& hw,
                           std::mt19937_64& rng) {
  auto pick = [&](int64_t lo, int64_t hi) {  // [lo, hi]
    return lo +
           static_cast<int64_t>(rng() % static_cast<uint64_t>(hi - lo + 1));
  };
  std::vector<Dim> dims;
  for (Dim d : {Dim::kN, Dim::kK, Dim::kC, Dim::kM, Dim::kY, Dim::kX, Dim::kR,
                Dim::kS}) {
    if (layer.Has(d)) dims.push_back(d);
  }
  MappingValue m;
  m.num_levels = static_cast<int>(pick(1, 3));
  std::array<int64_t, kNumDims> tile{};  // output rows/cols for Y and X
  for (Dim d : dims) tile[DimIndex(d)] = layer.Get(d);
  tile[DimIndex(Dim::kY)] = layer.Has(Dim::kY) ? layer.OutY() : 1;
  tile[DimIndex(Dim::kX)] = layer.Has(Dim::kX) ? layer.OutX() : 1;
  int64_t below = 1;
  for (int l = 0; l < m.num_levels; ++l) {
    MappingLevel& ml = m.levels[l];
    std::shuffle(dims.begin(), dims.end(), rng);
    const int spatial = static_cast<int>(pick(1, 2));
    int placed = 0;
    for (Dim d : dims) {
      const int i = DimIndex(d);
      Map x;
      x.dim = d;
      x.kind = kT;
      if (d == Dim::kR || d == Dim::kS) {
        x.size = x.offset = layer.Get(d);
      } else {
        tile[i] = pick(1, std::max<int64_t>(tile[i], 1));
        x.size = x.offset = tile[i];
        if (d == Dim::kY || d == Dim::kX) {  // a window of output rows
          const int64_t st = d == Dim::kY ? layer.stride_y : layer.stride_x;
          const int64_t f = layer.GetOr1(d == Dim::kY ? Dim::kR : Dim::kS);
          x.size = (tile[i] - 1) * st + f;
          x.offset = tile[i] * st;
        }
        if (placed < spatial && rng() % 2 == 0) {
          x.kind = kSp;
          ++placed;
        }
      }
      ml.Add(x);
    }
    if (placed == 0) ml.maps[0].kind = kSp;  // at least one SpatialMap
    if (l > 0) {
      ml.num_units = pick(1, 12);
      below *= ml.num_units;
    }
  }
  m.levels[0].num_units = pick(1, std::max<int64_t>(hw.num_pes / below, 1));
  return m;
}

Hardware BaseHardware(int which) {
  Hardware a = *HardwarePreset("pe256");
  if (which == 0) {
    a.num_pes = 12;
    a.noc_latency = 2;
    a.simd_lanes = 2;
  }
  return a;
}

// A point sharing `base`'s PE array: buffers, bandwidths and energies
// drawn at random (small bandwidths too: the off-chip floor and the NoC
// decide there).
Hardware RandomPoint(const Hardware& base, std::mt19937_64& rng) {
  auto pick = [&](int64_t lo, int64_t hi) {
    return lo +
           static_cast<int64_t>(rng() % static_cast<uint64_t>(hi - lo + 1));
  };
  auto real = [&]() { return static_cast<double>(pick(0, 1 << 20)) / 4096.0; };
  Hardware h = base;
  h.noc_bw = rng() % 3 == 0 ? pick(1, 4) : pick(1, 512);
  h.offchip_bw = rng() % 3 == 0 ? pick(1, 4) : pick(1, 256);
  h.l1_size = pick(1, 4096);
  h.l2_size = pick(1, 1 << 20);
  h.energy = {real(), real(), real(), real(), real(), real(), real()};
  return h;
}

// NVDLA- and Eyeriss-style mappings of a 3x3 conv (the library's nvdla and
// eyeriss templates resolved for 256 PEs), as values.
MappingValue NvdlaStyle() {
  MappingValue m;
  m.num_levels = 2;
  m.levels[0].num_units = 4;
  for (Map x : {Map{kSp, 1, 1, Dim::kK}, Map{kT, 64, 64, Dim::kC},
                Map{kT, 3, 3, Dim::kR}, Map{kT, 3, 3, Dim::kS},
                Map{kT, 3, 1, Dim::kY}, Map{kT, 3, 1, Dim::kX}}) {
    m.levels[0].Add(x);
  }
  m.levels[1].num_units = 64;
  for (Map x :
       {Map{kSp, 1, 1, Dim::kC}, Map{kT, 3, 1, Dim::kY}, Map{kT, 3, 1, Dim::kX},
        Map{kT, 3, 3, Dim::kR}, Map{kT, 3, 3, Dim::kS}}) {
    m.levels[1].Add(x);
  }
  return m;
}

MappingValue EyerissStyle() {
  MappingValue m;
  m.num_levels = 2;
  m.levels[0].num_units = 85;
  for (Map x : {Map{kSp, 1, 1, Dim::kYo}, Map{kT, 1, 1, Dim::kXo},
                Map{kT, 1, 1, Dim::kC}, Map{kT, 16, 16, Dim::kK},
                Map{kT, 3, 3, Dim::kR}, Map{kT, 3, 3, Dim::kS}}) {
    m.levels[0].Add(x);
  }
  m.levels[1].num_units = 3;
  for (Map x : {Map{kSp, 1, 1, Dim::kY}, Map{kSp, 1, 1, Dim::kR},
                Map{kT, 3, 3, Dim::kS}}) {
    m.levels[1].Add(x);
  }
  return m;
}

// 5 layers x 2 PE arrays x 2 semantics x 40 valid mappings x 25 points.
TEST(HardwareSweep, EqualsEvaluateOnRandomMappingsAndPoints) {
  std::mt19937_64 rng(7);
  int64_t compared = 0, loop_nest = 0, merged = 0, analysed = 0;
  for (const Layer& layer : Layers()) {
    for (int which : {0, 1}) {
      const Hardware base = BaseHardware(which);
      for (Semantics sem : {Semantics::kExact, Semantics::kMaestro}) {
        AnalysisOptions o;
        o.semantics = sem;
        const PreparedLayer pl = *PrepareLayer(layer, o);
        Workspace ws;
        int valid = 0;
        for (int tries = 0; valid < 40 && tries < 4000; ++tries) {
          const MappingValue m = RandomMapping(layer, base, rng);
          if (!ValidateMapping(pl, m, base).ok()) continue;
          HardwareSweep sweep;
          ASSERT_TRUE(sweep.Prepare(pl, m, base, o).ok());
          ++valid;
          merged += sweep.num_cases();
          analysed += sweep.num_analysed_cases();
          for (int p = 0; p < 25; ++p) {
            const Hardware h = p == 0 ? base : RandomPoint(base, rng);
            Figures want, got;
            ASSERT_TRUE(engine::Evaluate(pl, m, h, o, ws, want).ok());
            ASSERT_TRUE(sweep.Evaluate(h, got).ok());
            ExpectSameFigures(
                want, got,
                absl::StrCat(layer.name, " ", base.num_pes, " PEs ",
                             SemanticsName(sem), " mapping ", valid, " noc ",
                             h.noc_bw, " offchip ", h.offchip_bw));
            loop_nest += want.loop_nest;
            ++compared;
          }
        }
        EXPECT_EQ(valid, 40) << layer.name << " " << SemanticsName(sem);
      }
    }
  }
  EXPECT_EQ(compared, 5 * 2 * 2 * 40 * 25);
  EXPECT_GT(loop_nest, 2000);   // the exact loop nest took part
  EXPECT_LT(merged, analysed);  // and cases were merged
}

TEST(HardwareSweep, EqualsEvaluateOnLibraryStyleMappings) {
  const Layer layer = Conv("vgg_like", 64, 64, 58, 3);
  const Hardware base = *HardwarePreset("pe256");
  std::mt19937_64 rng(3);
  for (const MappingValue& m : {NvdlaStyle(), EyerissStyle()}) {
    for (Semantics sem : {Semantics::kExact, Semantics::kMaestro}) {
      AnalysisOptions o;
      o.semantics = sem;
      const PreparedLayer pl = *PrepareLayer(layer, o);
      ASSERT_TRUE(ValidateMapping(pl, m, base).ok());
      HardwareSweep sweep;
      ASSERT_TRUE(sweep.Prepare(pl, m, base, o).ok());
      Workspace ws;
      for (int p = 0; p < 200; ++p) {
        const Hardware h = RandomPoint(base, rng);
        Figures want, got;
        ASSERT_TRUE(engine::Evaluate(pl, m, h, o, ws, want).ok());
        ASSERT_TRUE(sweep.Evaluate(h, got).ok());
        ExpectSameFigures(want, got, absl::StrCat(SemanticsName(sem), " ", p));
      }
    }
  }
}

TEST(HardwareSweep, NoHeapAllocationPerEvaluate) {
  const Layer layer = Conv("vgg_like", 64, 64, 58, 3);
  const Hardware base = *HardwarePreset("pe256");
  std::mt19937_64 rng(5);
  std::vector<Hardware> points;
  for (int p = 0; p < 300; ++p) points.push_back(RandomPoint(base, rng));
  for (const MappingValue& m : {NvdlaStyle(), EyerissStyle()}) {
    for (Semantics sem : {Semantics::kExact, Semantics::kMaestro}) {
      AnalysisOptions o;
      o.semantics = sem;
      const PreparedLayer pl = *PrepareLayer(layer, o);
      HardwareSweep sweep;
      ASSERT_TRUE(sweep.Prepare(pl, m, base, o).ok());
      Figures f;
      int64_t runtime_sum = 0;
      g_allocs = 0;
      g_counting = true;
      for (const Hardware& h : points) {
        const bool ok = sweep.Evaluate(h, f).ok();
        runtime_sum += ok ? f.runtime_cycles : 0;
      }
      g_counting = false;
      EXPECT_EQ(g_allocs.load(), 0) << SemanticsName(sem);
      EXPECT_GT(runtime_sum, 0);
    }
  }
}

TEST(HardwareSweep, RefusesAChangedPeArrayAndBadBandwidths) {
  const Layer layer = Conv("c", 8, 4, 10, 3);
  const Hardware hw = *HardwarePreset("pe256");
  const PreparedLayer pl = *PrepareLayer(layer, {});
  HardwareSweep sweep;
  Figures f;
  EXPECT_EQ(sweep.Evaluate(hw, f).message(), "HardwareSweep: Prepare first");
  ASSERT_TRUE(sweep.Prepare(pl, NvdlaStyle(), hw, {}).ok());
  Hardware h = hw;
  h.num_pes = 128;
  EXPECT_EQ(sweep.Evaluate(h, f).message(),
            "HardwareSweep: prepared for 256 PEs x 1 lanes, NoC latency 1; "
            "got 128 x 1, 1");
  h = hw;
  h.simd_lanes = 4;
  EXPECT_EQ(sweep.Evaluate(h, f).code(), absl::StatusCode::kInvalidArgument);
  h = hw;
  h.noc_latency = 3;
  EXPECT_EQ(sweep.Evaluate(h, f).code(), absl::StatusCode::kInvalidArgument);
  h = hw;
  h.noc_bw = 0;
  EXPECT_EQ(sweep.Evaluate(h, f).message(), CheckHardware(h).message());
  h = hw;
  h.offchip_bw = -1;
  EXPECT_FALSE(sweep.Evaluate(h, f).ok());
  EXPECT_TRUE(sweep.Evaluate(hw, f).ok());
}

TEST(HardwareSweep, AFailedPrepareIsEvaluatesError) {
  const Layer layer = Conv("c", 8, 4, 10, 3);
  const Hardware hw = *HardwarePreset("pe256");
  const PreparedLayer pl = *PrepareLayer(layer, {});
  HardwareSweep sweep;
  const MappingValue none;
  const absl::Status s = sweep.Prepare(pl, none, hw, {});
  EXPECT_EQ(s.message(),
            "layer 'c': the mapping has 0 cluster levels; expected 1..4");
  Figures f;
  EXPECT_EQ(sweep.Evaluate(hw, f), s);
}

}  // namespace
}  // namespace maestro::engine
