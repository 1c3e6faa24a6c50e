// `dse --shard K/N`: the shards of every N partition the grid's cost keys
// (each key in exactly one shard, contiguous blocks in shard order, sizes
// within one), and the shards' sweeps together evaluate every point once.
#include "sharding/dse_shard.h"

#include <gtest/gtest.h>

#include "dse/problem.h"
#include "dse/sweep.h"

namespace maestro {
namespace {

TEST(ShardKeyRange, BlocksOfSixteenKeysInSeven) {
  // 16 = 7 x 2 + 2: the first two blocks hold 3 keys, the others 2.
  const KeyRange want[] = {{0, 3},   {3, 6},   {6, 8},  {8, 10},
                           {10, 12}, {12, 14}, {14, 16}};
  for (int64_t k = 0; k < 7; ++k) {
    const KeyRange r = ShardKeyRange(16, {k, 7});
    EXPECT_EQ(r.begin, want[k].begin) << k;
    EXPECT_EQ(r.end, want[k].end) << k;
  }
}

TEST(ShardKeyRange, PartitionsEveryKeyCountForEveryN) {
  for (int64_t keys : {0, 1, 2, 5, 16, 17, 100, 1001}) {
    for (int64_t n : {1, 2, 3, 7, 20, 1000}) {
      int64_t next = 0, smallest = keys, largest = 0;
      for (int64_t k = 0; k < n; ++k) {
        const KeyRange r = ShardKeyRange(keys, {k, n});
        ASSERT_EQ(r.begin, next) << keys << " keys, shard " << k << "/" << n;
        ASSERT_LE(r.begin, r.end);
        smallest = std::min(smallest, r.end - r.begin);
        largest = std::max(largest, r.end - r.begin);
        next = r.end;
      }
      EXPECT_EQ(next, keys) << keys << " keys, N=" << n;
      EXPECT_LE(largest - smallest, 1) << keys << " keys, N=" << n;
    }
  }
}

// The shards' sweeps of a 16-key, 32-point grid: every point evaluated
// once over the shards, and the counts add up to the unsharded run's.
TEST(RunSweepKeys, ShardsCountEveryPointOnce) {
  dse::DseFlags f;
  f.sweep = "pes=64:512:64,l1=256|512,noc_bw=16|64";
  absl::StatusOr<dse::DseOptions> o = dse::MakeDseOptions(f);
  ASSERT_TRUE(o.ok()) << o.status();
  absl::StatusOr<dse::DseProblem> p = dse::LoadDseProblem(
      "models/resnet18.onnx", "nvdla", *HardwarePreset("pe256"), {}, nullptr);
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_EQ(dse::SweepKeyCount(*p, *o), 16);
  absl::StatusOr<dse::DseResult> full = dse::RunSweep(*p, *o);
  ASSERT_TRUE(full.ok()) << full.status();
  ASSERT_EQ(full->points_evaluated, 32);
  int64_t evaluated = 0, valid = 0;
  for (int64_t k = 0; k < 3; ++k) {
    const KeyRange r = ShardKeyRange(16, {k, 3});
    absl::StatusOr<dse::DseResult> s =
        dse::RunSweepKeys(*p, *o, r.begin, r.end, nullptr);
    ASSERT_TRUE(s.ok()) << s.status();
    EXPECT_EQ(s->points_evaluated, 2 * (r.end - r.begin)) << k;  // l1 x 2
    evaluated += s->points_evaluated;
    valid += s->points_valid;
  }
  EXPECT_EQ(evaluated, full->points_evaluated);
  EXPECT_EQ(valid, full->points_valid);
}

}  // namespace
}  // namespace maestro
