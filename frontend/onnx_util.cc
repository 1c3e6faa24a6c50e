#include "frontend/onnx_util.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace maestro::frontend {

const onnx::AttributeProto* FindAttr(const onnx::NodeProto& node,
                                     const char* name) {
  for (const auto& a : node.attribute()) {
    if (a.name() == name) return &a;
  }
  return nullptr;
}

bool HasAttr(const onnx::NodeProto& node, const char* name) {
  return FindAttr(node, name) != nullptr;
}

int64_t AttrInt(const onnx::NodeProto& node, const char* name, int64_t dflt) {
  const auto* a = FindAttr(node, name);
  return a && a->has_i() ? a->i() : dflt;
}

float AttrFloat(const onnx::NodeProto& node, const char* name, float dflt) {
  const auto* a = FindAttr(node, name);
  return a && a->has_f() ? a->f() : dflt;
}

std::string AttrString(const onnx::NodeProto& node, const char* name,
                       const std::string& dflt) {
  const auto* a = FindAttr(node, name);
  return a && a->has_s() ? a->s() : dflt;
}

std::vector<int64_t> AttrInts(const onnx::NodeProto& node, const char* name) {
  const auto* a = FindAttr(node, name);
  if (!a) return {};
  return {a->ints().begin(), a->ints().end()};
}

const std::string& InputName(const onnx::NodeProto& node, int i) {
  static const std::string kEmpty;
  return i < node.input_size() ? node.input(i) : kEmpty;
}

namespace {

template <typename T>
void ReadRaw(const std::string& raw, int64_t n, std::vector<int64_t>* out) {
  out->resize(n);
  for (int64_t i = 0; i < n; ++i) {
    T v;
    std::memcpy(&v, raw.data() + i * sizeof(T), sizeof(T));
    (*out)[i] = static_cast<int64_t>(v);
  }
}

template <typename T>
void ReadRawF(const std::string& raw, int64_t n, std::vector<double>* out) {
  out->resize(n);
  for (int64_t i = 0; i < n; ++i) {
    T v;
    std::memcpy(&v, raw.data() + i * sizeof(T), sizeof(T));
    (*out)[i] = static_cast<double>(v);
  }
}

int ElemSize(int32_t t) {
  switch (t) {
    case onnx::TensorProto::INT64:
    case onnx::TensorProto::UINT64:
    case onnx::TensorProto::DOUBLE:
      return 8;
    case onnx::TensorProto::INT32:
    case onnx::TensorProto::UINT32:
    case onnx::TensorProto::FLOAT:
      return 4;
    case onnx::TensorProto::INT16:
    case onnx::TensorProto::UINT16:
      return 2;
    case onnx::TensorProto::INT8:
    case onnx::TensorProto::UINT8:
    case onnx::TensorProto::BOOL:
      return 1;
    default:
      return 0;
  }
}

// Fills c.ints / c.floats from t; false when the encoding is not understood.
bool ReadContents(const onnx::TensorProto& t, ConstTensor* c) {
  const int64_t n = c->NumElements();
  const int32_t dt = t.data_type();
  if (t.has_raw_data()) {
    const int size = ElemSize(dt);
    if (size == 0 || static_cast<int64_t>(t.raw_data().size()) != n * size) {
      return false;
    }
    const std::string& raw = t.raw_data();
    switch (dt) {
      case onnx::TensorProto::INT64:
        ReadRaw<int64_t>(raw, n, &c->ints);
        break;
      case onnx::TensorProto::UINT64:
        ReadRaw<uint64_t>(raw, n, &c->ints);
        break;
      case onnx::TensorProto::INT32:
        ReadRaw<int32_t>(raw, n, &c->ints);
        break;
      case onnx::TensorProto::UINT32:
        ReadRaw<uint32_t>(raw, n, &c->ints);
        break;
      case onnx::TensorProto::INT16:
        ReadRaw<int16_t>(raw, n, &c->ints);
        break;
      case onnx::TensorProto::UINT16:
        ReadRaw<uint16_t>(raw, n, &c->ints);
        break;
      case onnx::TensorProto::INT8:
        ReadRaw<int8_t>(raw, n, &c->ints);
        break;
      case onnx::TensorProto::UINT8:
      case onnx::TensorProto::BOOL:
        ReadRaw<uint8_t>(raw, n, &c->ints);
        break;
      case onnx::TensorProto::FLOAT:
        ReadRawF<float>(raw, n, &c->floats);
        break;
      case onnx::TensorProto::DOUBLE:
        ReadRawF<double>(raw, n, &c->floats);
        break;
      default:
        return false;
    }
    return true;
  }
  auto take = [&](const auto& field, auto* out) {
    if (field.size() != n) return false;
    out->assign(field.begin(), field.end());
    return true;
  };
  switch (dt) {
    case onnx::TensorProto::INT64:
      return take(t.int64_data(), &c->ints);
    case onnx::TensorProto::UINT64:
      return take(t.uint64_data(), &c->ints);
    case onnx::TensorProto::FLOAT:
      return take(t.float_data(), &c->floats);
    case onnx::TensorProto::DOUBLE:
      return take(t.double_data(), &c->floats);
    case onnx::TensorProto::INT32:
    case onnx::TensorProto::UINT32:
    case onnx::TensorProto::INT16:
    case onnx::TensorProto::UINT16:
    case onnx::TensorProto::INT8:
    case onnx::TensorProto::UINT8:
    case onnx::TensorProto::BOOL:
      return take(t.int32_data(), &c->ints);
    default:
      return false;
  }
}

}  // namespace

absl::Status CheckTensorProto(const onnx::TensorProto& t,
                              absl::string_view where) {
  const std::string at = t.name().empty()
                             ? std::string(where)
                             : absl::StrCat(where, " '", t.name(), "'");
  __int128 n = 1;
  for (int64_t d : t.dims()) {
    if (d < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(at, " has dim ", d, "; expected dims >= 0"));
    }
    n = std::min<__int128>(n * d, __int128{1} << 62);
  }
  const bool external = t.data_location() == onnx::TensorProto::EXTERNAL ||
                        t.external_data_size();
  if (external) return absl::OkStatus();
  const int32_t dt = t.data_type();
  int64_t stored = -1;  // elements held in the file; -1: not countable
  if (!t.raw_data().empty()) {
    const int size = ElemSize(dt);
    if (size > 0 && t.raw_data().size() % size == 0) {
      stored = static_cast<int64_t>(t.raw_data().size()) / size;
    } else if (size > 0) {
      stored = -2;  // not a whole number of elements
    }
  } else if (ElemSize(dt) > 0 || dt == onnx::TensorProto::STRING) {
    stored = t.float_data_size() + t.int32_data_size() + t.string_data_size() +
             t.int64_data_size() + t.double_data_size() + t.uint64_data_size();
    if (stored == 0) return absl::OkStatus();  // no data: shape only
  }
  if (stored == -1 || stored == n) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      at, " (", DimsString({t.dims().begin(), t.dims().end()}), ") holds ",
      stored == -2
          ? absl::StrCat(t.raw_data().size(), " bytes, not whole elements")
          : absl::StrCat(stored, " elements"),
      " of data; expected ", static_cast<int64_t>(n), " (or no data)"));
}

ValueState StateFromTensor(const onnx::TensorProto& t) {
  std::vector<int64_t> dims(t.dims().begin(), t.dims().end());
  ValueState v = ValueState::Shaped(t.data_type(), dims);
  v.constant = true;
  for (int64_t d : dims) {
    if (d < 0) {
      v.rank_known = false;  // corrupt: negative dim
      v.dims.clear();
      return v;
    }
  }
  const bool external = t.data_location() == onnx::TensorProto::EXTERNAL ||
                        t.external_data_size();
  int64_t n = v.NumElements();
  if (external || n < 0 || n > kMaxFoldElements) return v;
  ConstTensor c;
  c.elem_type = t.data_type();
  c.dims = dims;
  if (ReadContents(t, &c)) v.value = std::move(c);
  return v;
}

ValueState StateFromValueInfo(const onnx::ValueInfoProto& vi) {
  ValueState v;
  if (!vi.has_type() || !vi.type().has_tensor_type()) return v;
  const auto& tt = vi.type().tensor_type();
  v.elem_type = tt.elem_type();
  if (!tt.has_shape()) return v;
  v.rank_known = true;
  for (const auto& d : tt.shape().dim()) {
    v.dims.push_back(d.has_dim_value() && d.dim_value() >= 0 ? d.dim_value()
                                                             : -1);
  }
  return v;
}

onnx::TensorProto TensorFromConst(const ConstTensor& c) {
  onnx::TensorProto t;
  for (int64_t d : c.dims) t.add_dims(d);
  if (c.IsFloat()) {
    t.set_data_type(onnx::TensorProto::DOUBLE == c.elem_type
                        ? onnx::TensorProto::DOUBLE
                        : onnx::TensorProto::FLOAT);
    for (double f : c.floats) {
      if (t.data_type() == onnx::TensorProto::DOUBLE) {
        t.add_double_data(f);
      } else {
        t.add_float_data(static_cast<float>(f));
      }
    }
  } else if (c.elem_type == onnx::TensorProto::INT64 ||
             c.elem_type == onnx::TensorProto::UINT64) {
    t.set_data_type(onnx::TensorProto::INT64);
    for (int64_t i : c.ints) t.add_int64_data(i);
  } else {
    t.set_data_type(c.elem_type);
    for (int64_t i : c.ints) t.add_int32_data(static_cast<int32_t>(i));
  }
  return t;
}

}  // namespace maestro::frontend
