#include "tests/core/layers_testlib.h"

namespace maestro::test_support {

Layer Conv(const std::string& name, int64_t k, int64_t c, int64_t y, int64_t r,
           int64_t stride) {
  Layer l;
  l.name = name;
  l.type = LayerType::kConv;
  l.Set(Dim::kN, 1)
      .Set(Dim::kK, k)
      .Set(Dim::kC, c)
      .Set(Dim::kY, y)
      .Set(Dim::kX, y)
      .Set(Dim::kR, r)
      .Set(Dim::kS, r);
  l.stride_y = l.stride_x = stride;
  return l;
}

Layer Dw(const std::string& name, int64_t c, int64_t y, int64_t r,
         int64_t stride) {
  Layer l = Conv(name, 1, c, y, r, stride);
  l.type = LayerType::kDsconv;
  l.Set(Dim::kK, 0);
  return l;
}

Layer Gemm(const std::string& name, int64_t m, int64_t n, int64_t k) {
  Layer l;
  l.name = name;
  l.type = LayerType::kGemm;
  l.Set(Dim::kM, m).Set(Dim::kN, n).Set(Dim::kK, k);
  return l;
}

Layer With(Layer l, Dim d, int64_t v) {
  l.Set(d, v);
  return l;
}

}  // namespace maestro::test_support
