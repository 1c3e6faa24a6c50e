// WorkerPool (search/evaluator.h): every index of every loop runs exactly
// once, on a slot in range, and loops reuse the same threads.
#include <gtest/gtest.h>

#include <atomic>
#include <vector>

#include "search/evaluator.h"

namespace maestro::search {
namespace {

TEST(WorkerPool, EveryIndexOnceOverManyLoops) {
  for (int threads : {1, 2, 4}) {
    WorkerPool pool(threads);
    EXPECT_EQ(pool.threads(), threads);
    for (int64_t n : {0, 1, 2, 3, 17, 1000}) {
      for (int rep = 0; rep < 50; ++rep) {
        std::vector<std::atomic<int>> hits(n);
        std::atomic<int> bad_slot{0};
        pool.ForEach(n, [&](int64_t i, int slot) {
          hits[i].fetch_add(1);
          if (slot < 0 || slot >= threads) bad_slot.fetch_add(1);
        });
        for (int64_t i = 0; i < n; ++i) {
          ASSERT_EQ(hits[i].load(), 1) << threads << " threads, n " << n;
        }
        EXPECT_EQ(bad_slot.load(), 0);
      }
    }
  }
}

}  // namespace
}  // namespace maestro::search
