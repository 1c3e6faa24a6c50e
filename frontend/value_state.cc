#include "frontend/value_state.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace maestro::frontend {

bool IsFloatType(int32_t t) {
  // FLOAT=1, FLOAT16=10, DOUBLE=11, BFLOAT16=16, FLOAT8* = 17..20.
  return t == 1 || t == 10 || t == 11 || t == 16 || (t >= 17 && t <= 20);
}

bool ConstTensor::IsFloat() const { return IsFloatType(elem_type); }

int64_t ConstTensor::NumElements() const {
  // Saturates at kMaxElements + 1 (a reshaped empty tensor may have huge
  // dims next to a zero one).
  int64_t n = 1;
  for (int64_t d : dims) {
    if (d <= 0) return 0;
  }
  for (int64_t d : dims) {
    if (n > kMaxElements / d) return kMaxElements + 1;
    n *= d;
  }
  return n;
}

int64_t ConstTensor::IntAt(int64_t i) const {
  if (IsFloat()) {
    double f = floats[i];
    if (std::isnan(f)) return 0;
    if (f >= 9.2e18) return INT64_MAX;
    if (f <= -9.2e18) return INT64_MIN;
    return static_cast<int64_t>(f);
  }
  return ints[i];
}

double ConstTensor::FloatAt(int64_t i) const {
  return IsFloat() ? floats[i] : static_cast<double>(ints[i]);
}

ConstTensor ConstTensor::Int64s(std::vector<int64_t> values) {
  ConstTensor t;
  t.dims = {static_cast<int64_t>(values.size())};
  t.ints = std::move(values);
  return t;
}

ConstTensor ConstTensor::Scalar(int64_t v, int32_t elem_type) {
  ConstTensor t;
  t.elem_type = elem_type;
  if (IsFloatType(elem_type)) {
    t.floats = {static_cast<double>(v)};
  } else {
    t.ints = {v};
  }
  return t;
}

ConstTensor ConstTensor::FloatScalar(double v, int32_t elem_type) {
  ConstTensor t;
  t.elem_type = elem_type;
  t.floats = {v};
  return t;
}

bool ValueState::ShapeKnown() const {
  if (!rank_known) return false;
  for (int64_t d : dims) {
    if (d < 0) return false;
  }
  return true;
}

int64_t ValueState::NumElements() const {
  if (!ShapeKnown()) return -1;
  int64_t n = 1;
  for (int64_t d : dims) {
    if (d == 0) return 0;
  }
  for (int64_t d : dims) {
    if (n > kMaxElements / d) return -1;
    n *= d;
  }
  return n;
}

ValueState ValueState::Shaped(int32_t elem_type, std::vector<int64_t> dims) {
  ValueState v;
  v.elem_type = elem_type;
  v.rank_known = true;
  v.dims = std::move(dims);
  return v;
}

ValueState ValueState::FromConst(ConstTensor t) {
  ValueState v;
  v.elem_type = t.elem_type;
  v.rank_known = true;
  v.dims = t.dims;
  v.constant = true;
  v.value = std::move(t);
  return v;
}

std::string DimsString(const std::vector<int64_t>& dims) {
  if (dims.empty()) return "scalar";
  std::string s;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) s += "x";
    s += dims[i] < 0 ? std::string("?") : absl::StrCat(dims[i]);
  }
  return s;
}

std::string ShapeString(const ValueState& v) {
  if (!v.rank_known) return "(unknown rank)";
  return DimsString(v.dims);
}

}  // namespace maestro::frontend
