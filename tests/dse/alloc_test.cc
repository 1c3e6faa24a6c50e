// The sweep's loop allocates nothing per design point: a grid with 1,200
// more points (same PE counts, so the same preparations) costs at most a
// few more heap allocations (a growing front or best-k list), counted by a
// global operator new.
#include <atomic>
#include <cstdlib>
#include <new>

#include "dse/sweep.h"
#include "frontend/onnx_frontend.h"
#include "gtest/gtest.h"
#include "pipeline/model_run.h"
#include "tests/core/count_allocations.h"

using maestro::test_support::g_allocs;
using maestro::test_support::g_counting;

namespace maestro::dse {
namespace {

int64_t Allocations(const DseProblem& p, const std::string& grid) {
  DseOptions o;
  o.grid = *ParseSweepGrid(grid);
  o.keep_ranked = 10;
  g_allocs = 0;
  g_counting = true;
  absl::StatusOr<DseResult> r = RunSweep(p, o);
  g_counting = false;
  EXPECT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->points_evaluated, o.grid.size());
  return g_allocs.load();
}

TEST(SweepAllocations, NonePerPoint) {
  absl::StatusOr<frontend::ExtractedModel> m = frontend::LoadOnnxModel(
      std::string(MO_SOURCE_DIR) + "/models/resnet18.onnx", {});
  ASSERT_TRUE(m.ok()) << m.status();
  DseProblem p;
  p.name = "resnet18";
  p.layers = JobLayersFromModel(*m);
  p.base = *HardwarePreset("pe256");
  Allocations(p, "pes=64,noc_bw=1");  // one-time set-up (the library)
  const int64_t small = Allocations(p, "pes=64|256,noc_bw=1:100:1,l1=512|1024");
  const int64_t large = Allocations(p, "pes=64|256,noc_bw=1:400:1,l1=512|1024");
  EXPECT_GT(small, 0);  // the counter counts (plans, preparations, notes)
  EXPECT_LE(large - small, 16) << small << " vs " << large;
}

}  // namespace
}  // namespace maestro::dse
