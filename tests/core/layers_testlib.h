// The layers the search tests are built on: CONV, depthwise (DSCONV) and
// GEMM with the dims spelt out, one copy for every test (tests/search, tests/dse).
//
// Example:
//   Layer c = Conv("c3x3", 64, 64, 30, 3);        // K C Y(=X) R(=S)
//   Layer s = Conv("c7x7s2", 32, 3, 61, 7, 2);    // stride 2
//   Layer d = Dw("dw", 96, 30, 3, 2);             // C Y(=X) R(=S) stride
//   Layer g = Gemm("gemm", 64, 96, 128);          // M N K
//   Layer b = With(Conv("b2", 20, 12, 9, 1), Dim::kN, 2);  // batch 2
#ifndef MAESTRO_ONNX_TESTS_CORE_LAYERS_TESTLIB_H_
#define MAESTRO_ONNX_TESTS_CORE_LAYERS_TESTLIB_H_

#include <cstdint>
#include <string>

#include "core/layer.h"

namespace maestro::test_support {

// CONV: N = 1, K filters of C channels, a y x y input, an r x r filter,
// `stride` on both axes.
Layer Conv(const std::string& name, int64_t k, int64_t c, int64_t y, int64_t r,
           int64_t stride = 1);

// Depthwise CONV (DSCONV, K = 0): C channels, otherwise as Conv.
Layer Dw(const std::string& name, int64_t c, int64_t y, int64_t r,
         int64_t stride = 1);

// GEMM: an M x K by K x N product.
Layer Gemm(const std::string& name, int64_t m, int64_t n, int64_t k);

// `l` with dim `d` set to `v` (a batch, a rectangular input or filter).
Layer With(Layer l, Dim d, int64_t v);

}  // namespace maestro::test_support

#endif  // MAESTRO_ONNX_TESTS_CORE_LAYERS_TESTLIB_H_
