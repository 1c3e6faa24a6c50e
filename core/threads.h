// The number of threads a `threads` option asks for: a positive count as
// given, 0 (or less) every core the machine reports (at least 1). Results
// never depend on it; only speed does.
//
// Example:
//   const int n = ResolveThreads(options.threads);  // 0 -> e.g. 8
#ifndef MAESTRO_ONNX_CORE_THREADS_H_
#define MAESTRO_ONNX_CORE_THREADS_H_

#include <algorithm>
#include <thread>

namespace maestro {

inline int ResolveThreads(int requested) {
  if (requested > 0) return requested;
  // hardware_concurrency() is 0 when the machine does not say.
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_THREADS_H_
