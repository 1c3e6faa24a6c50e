#include "frontend/tensor_data_skipper.h"

namespace maestro::frontend {

namespace {

// The messages walked; every other one is copied whole.
enum class Msg { kModel, kGraph, kNode, kAttribute, kTensor };

constexpr int kMaxNesting = 64;

bool ReadVarint(absl::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in->empty()) return false;
    const uint8_t b = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    *v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

void WriteVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// The message type of field `field` (length-delimited) of `m`, if walked.
bool Child(Msg m, uint64_t field, Msg* child) {
  switch (m) {
    case Msg::kModel:
      if (field == 7) return *child = Msg::kGraph, true;  // graph
      return false;
    case Msg::kGraph:
      if (field == 1) return *child = Msg::kNode, true;    // node
      if (field == 5) return *child = Msg::kTensor, true;  // initializer
      return false;
    case Msg::kNode:
      if (field == 5) return *child = Msg::kAttribute, true;  // attribute
      return false;
    case Msg::kAttribute:
      if (field == 5 || field == 10) return *child = Msg::kTensor, true;
      if (field == 6 || field == 11) return *child = Msg::kGraph, true;
      return false;
    case Msg::kTensor:
      return false;
  }
  return false;
}

// TensorProto's data fields: float_data, int32_data, int64_data, raw_data,
// double_data, uint64_data.
bool IsTensorData(uint64_t field) {
  return field == 4 || field == 5 || field == 7 || field == 9 || field == 10 ||
         field == 11;
}

// Multiplies *elements by a dim (saturating); the product of a TensorProto's
// dims, which serializers write before its data.
void MulDim(uint64_t d, uint64_t* elements) {
  *elements = d != 0 && *elements > (uint64_t{1} << 62) / d
                  ? (uint64_t{1} << 62)
                  : *elements * d;
}

bool Walk(absl::string_view in, Msg m, int depth, int64_t min_bytes,
          int64_t min_elements, std::string* out, int64_t* skipped) {
  if (depth > kMaxNesting) return false;
  // A tensor whose dims (seen so far) hold more than kMaxFoldElements
  // elements is never read either, whatever its byte size.
  uint64_t elements = 1;
  bool dims_seen = false;
  while (!in.empty()) {
    const char* field_start = in.data();
    uint64_t tag;
    if (!ReadVarint(&in, &tag)) return false;
    const uint64_t field = tag >> 3;
    const int wire = static_cast<int>(tag & 7);
    if (field == 0) return false;
    switch (wire) {
      case 0: {
        uint64_t v;
        if (!ReadVarint(&in, &v)) return false;
        if (m == Msg::kTensor && field == 1) {
          dims_seen = true;
          MulDim(v, &elements);
        }
        break;
      }
      case 1:
      case 5: {
        const size_t n = wire == 1 ? 8 : 4;
        if (in.size() < n) return false;
        in.remove_prefix(n);
        break;
      }
      case 2: {
        uint64_t len;
        if (!ReadVarint(&in, &len) || len > in.size()) return false;
        absl::string_view body = in.substr(0, len);
        in.remove_prefix(len);
        Msg child;
        if (m == Msg::kTensor && field == 1) {  // packed dims
          absl::string_view dims = body;
          uint64_t d;
          while (!dims.empty() && ReadVarint(&dims, &d)) MulDim(d, &elements);
          dims_seen = true;
        }
        if (m == Msg::kTensor && IsTensorData(field) &&
            (static_cast<int64_t>(len) > min_bytes ||
             (dims_seen && elements > static_cast<uint64_t>(min_elements)))) {
          *skipped += static_cast<int64_t>(len);
          continue;  // dropped
        }
        if (Child(m, field, &child)) {
          std::string sub;
          if (!Walk(body, child, depth + 1, min_bytes, min_elements, &sub,
                    skipped)) {
            return false;
          }
          WriteVarint(tag, out);
          WriteVarint(sub.size(), out);
          out->append(sub);
          continue;
        }
        break;
      }
      default:
        return false;  // groups (3, 4) and invalid wire types
    }
    out->append(field_start, in.data() - field_start);
  }
  return true;
}

}  // namespace

bool SkipLargeTensorData(absl::string_view bytes, int64_t min_bytes,
                         int64_t min_elements, std::string* out,
                         int64_t* skipped_bytes) {
  out->clear();
  *skipped_bytes = 0;
  return Walk(bytes, Msg::kModel, 0, min_bytes, min_elements, out,
              skipped_bytes);
}

}  // namespace maestro::frontend
