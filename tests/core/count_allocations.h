// Counts the heap allocations of a test binary: this header replaces the
// global operator new / delete (every form, nothrow included, so that each
// new/delete pair is ours, as ASan requires) with malloc/free and counts
// each new while `g_counting` is set. Include it in exactly ONE source file
// of a test executable (the replacement is program-wide).
//
// Example:
//   #include "tests/core/count_allocations.h"
//   using maestro::test_support::g_allocs;
//   using maestro::test_support::g_counting;
//   g_allocs = 0;
//   g_counting = true;
//   RunTheFastPath();
//   g_counting = false;
//   EXPECT_EQ(g_allocs.load(), 0);
#ifndef MAESTRO_ONNX_TESTS_CORE_COUNT_ALLOCATIONS_H_
#define MAESTRO_ONNX_TESTS_CORE_COUNT_ALLOCATIONS_H_

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace maestro::test_support {
inline std::atomic<bool> g_counting{false};
inline std::atomic<int64_t> g_allocs{0};
}  // namespace maestro::test_support

// GCC sees the malloc/free pairs below through its builtin knowledge of
// operator new and flags them; they are consistent (every new and delete of
// the binary is replaced).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

void* operator new(std::size_t n) {
  if (maestro::test_support::g_counting.load(std::memory_order_relaxed)) {
    ++maestro::test_support::g_allocs;
  }
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
// The nothrow forms too (std::stable_sort's temporary buffer uses them):
// otherwise the runtime's nothrow new would be freed by the delete above,
// which ASan reports as an alloc-dealloc mismatch.
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  if (maestro::test_support::g_counting.load(std::memory_order_relaxed)) {
    ++maestro::test_support::g_allocs;
  }
  return std::malloc(n == 0 ? 1 : n);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept {
  return operator new(n, t);
}
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}

#pragma GCC diagnostic pop

#endif  // MAESTRO_ONNX_TESTS_CORE_COUNT_ALLOCATIONS_H_
