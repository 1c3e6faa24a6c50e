#include "frontend/tensor_ops.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "frontend/folding.h"

namespace maestro::frontend {

namespace {

// Product of dims, or -1 when one is unknown or it overflows the fold limit.
int64_t Product(const std::vector<int64_t>& dims, int64_t limit) {
  int64_t n = 1;
  for (int64_t d : dims) {
    if (d < 0) return -1;
    if (d == 0) return 0;
    if (n > limit / d) return -1;
    n *= d;
  }
  return n;
}

std::vector<int64_t> Strides(const std::vector<int64_t>& dims) {
  std::vector<int64_t> s(dims.size(), 1);
  for (int64_t i = static_cast<int64_t>(dims.size()) - 2; i >= 0; --i) {
    s[i] = s[i + 1] * dims[i + 1];
  }
  return s;
}

// Copies element `from` of a into slot `to` of out (same element kind).
void CopyElem(const ConstTensor& a, int64_t from, ConstTensor* out) {
  if (a.IsFloat()) {
    out->floats.push_back(a.floats[from]);
  } else {
    out->ints.push_back(a.ints[from]);
  }
}

ConstTensor EmptyLike(const ConstTensor& a, std::vector<int64_t> dims) {
  ConstTensor r;
  r.elem_type = a.elem_type;
  r.dims = std::move(dims);
  return r;
}

// Index into a broadcast operand of shape `dims` for the multi-index `idx`
// of an output of rank `rank`.
int64_t BroadcastIndex(const std::vector<int64_t>& idx,
                       const std::vector<int64_t>& dims) {
  const size_t off = idx.size() - dims.size();
  int64_t flat = 0;
  for (size_t i = 0; i < dims.size(); ++i) {
    flat = flat * dims[i] + (dims[i] == 1 ? 0 : idx[off + i]);
  }
  return flat;
}

bool NextIndex(std::vector<int64_t>* idx, const std::vector<int64_t>& dims) {
  for (int64_t i = static_cast<int64_t>(dims.size()) - 1; i >= 0; --i) {
    if (++(*idx)[i] < dims[i]) return true;
    (*idx)[i] = 0;
  }
  return false;
}

}  // namespace

bool NormalizeAxis(int64_t* axis, int64_t rank) {
  if (*axis < -rank || *axis >= rank) return false;
  if (*axis < 0) *axis += rank;
  return true;
}

bool BroadcastDims(const std::vector<std::vector<int64_t>>& shapes,
                   std::vector<int64_t>* out) {
  size_t rank = 0;
  for (const auto& s : shapes) rank = std::max(rank, s.size());
  out->assign(rank, 1);
  std::vector<bool> unknown(rank, false);
  for (const auto& s : shapes) {
    const size_t off = rank - s.size();
    for (size_t i = 0; i < s.size(); ++i) {
      int64_t d = s[i];
      int64_t& o = (*out)[off + i];
      if (d < 0) {
        unknown[off + i] = true;
      } else if (d != 1) {
        if (o != 1 && o != d) return false;
        o = d;
      }
    }
  }
  for (size_t i = 0; i < rank; ++i) {
    if (unknown[i] && (*out)[i] == 1) (*out)[i] = -1;
  }
  return true;
}

bool UnsqueezeDims(const std::vector<int64_t>& in,
                   const std::vector<int64_t>& axes,
                   std::vector<int64_t>* out) {
  const int64_t rank = static_cast<int64_t>(in.size() + axes.size());
  std::vector<bool> is_new(rank, false);
  for (int64_t a : axes) {
    if (!NormalizeAxis(&a, rank) || is_new[a]) return false;
    is_new[a] = true;
  }
  out->clear();
  size_t j = 0;
  for (int64_t i = 0; i < rank; ++i) {
    out->push_back(is_new[i] ? 1 : in[j++]);
  }
  return true;
}

bool SqueezeDims(const std::vector<int64_t>& in,
                 const std::vector<int64_t>& axes, std::vector<int64_t>* out) {
  const int64_t rank = static_cast<int64_t>(in.size());
  std::vector<bool> drop(rank, false);
  if (axes.empty()) {
    for (int64_t i = 0; i < rank; ++i) {
      if (in[i] < 0) return false;
      drop[i] = in[i] == 1;
    }
  }
  for (int64_t a : axes) {
    if (!NormalizeAxis(&a, rank)) return false;
    if (in[a] > 1) return false;
    drop[a] = true;
  }
  out->clear();
  for (int64_t i = 0; i < rank; ++i) {
    if (!drop[i]) out->push_back(in[i]);
  }
  return true;
}

bool ReshapeDims(const std::vector<int64_t>& in,
                 const std::vector<int64_t>& shape, bool allowzero,
                 std::vector<int64_t>* out) {
  out->clear();
  int infer = -1;
  bool unknown = false;  // some output dim unknown -> cannot infer -1
  int64_t known = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    int64_t d = shape[i];
    if (d == kUnknownDim) {
      out->push_back(-1);
      unknown = true;
      continue;
    }
    if (d == 0 && !allowzero) {
      if (i >= in.size()) return false;
      d = in[i];
      if (d < 0) {
        out->push_back(-1);
        unknown = true;
        continue;
      }
    }
    if (d == -1) {
      if (infer >= 0) return false;
      infer = static_cast<int>(i);
      out->push_back(-1);
      continue;
    }
    if (d < 0) return false;
    if (d > 0 && known > (int64_t{1} << 62) / d) return false;
    known *= d;
    out->push_back(d);
  }
  int64_t total = Product(in, int64_t{1} << 62);
  if (infer >= 0) {
    if (total < 0 || unknown) return true;  // stays unknown
    if (known == 0 || total % known != 0) return false;
    (*out)[infer] = total / known;
  } else if (total >= 0 && !unknown && total != known) {
    return false;
  }
  return true;
}

bool SliceDims(const std::vector<int64_t>& in,
               const std::vector<int64_t>& starts,
               const std::vector<int64_t>& ends,
               const std::vector<int64_t>& axes_in,
               const std::vector<int64_t>& steps, std::vector<int64_t>* out) {
  const int64_t rank = static_cast<int64_t>(in.size());
  if (starts.size() != ends.size()) return false;
  std::vector<int64_t> axes = axes_in;
  if (axes.empty()) {
    for (size_t i = 0; i < starts.size(); ++i) axes.push_back(i);
  }
  if (axes.size() != starts.size()) return false;
  if (!steps.empty() && steps.size() != starts.size()) return false;
  *out = in;
  std::set<int64_t> seen;
  for (size_t i = 0; i < axes.size(); ++i) {
    int64_t a = axes[i];
    if (!NormalizeAxis(&a, rank) || !seen.insert(a).second) return false;
    int64_t step = steps.empty() ? 1 : steps[i];
    if (step == 0) return false;
    int64_t d = in[a];
    if (d < 0) {
      (*out)[a] = -1;
      continue;
    }
    int64_t s = starts[i], e = ends[i];
    if (s == kUnknownDim || e == kUnknownDim) return false;
    if (s < 0) s = s < -d ? 0 : s + d;
    if (e < 0) e = e < -d ? -1 : e + d;
    // Steps beyond the extent take one element: clamp them to avoid
    // overflow in the arithmetic below.
    if (step > d + 1) step = d + 1;
    if (step < -(d + 1)) step = -(d + 1);
    if (step > 0) {
      s = std::clamp<int64_t>(s, 0, d);
      e = std::clamp<int64_t>(e, 0, d);
      (*out)[a] = e > s ? (e - s + step - 1) / step : 0;
    } else {
      s = std::clamp<int64_t>(s, 0, d - 1);
      e = std::clamp<int64_t>(e, -1, d - 1);
      (*out)[a] = s > e ? (s - e + (-step) - 1) / (-step) : 0;
    }
  }
  return true;
}

bool SplitSizes(const std::vector<int64_t>& in, int64_t axis,
                const std::vector<int64_t>& split, int num_outputs,
                std::vector<int64_t>* sizes) {
  if (!NormalizeAxis(&axis, static_cast<int64_t>(in.size()))) return false;
  if (num_outputs <= 0) return false;
  const int64_t d = in[axis];
  if (!split.empty()) {
    if (static_cast<int>(split.size()) != num_outputs) return false;
    int64_t sum = 0;
    for (int64_t s : split) {
      if (s < 0) return false;
      sum += s;
    }
    if (d >= 0 && sum != d) return false;
    *sizes = split;
    return true;
  }
  if (d < 0) return false;
  // Equal parts; the last one smaller when it does not divide (opset 18).
  int64_t part = (d + num_outputs - 1) / num_outputs;
  sizes->clear();
  int64_t left = d;
  for (int i = 0; i < num_outputs; ++i) {
    int64_t s = std::min(part, left);
    sizes->push_back(s);
    left -= s;
  }
  return true;
}

bool GatherTensor(const ConstTensor& data, const ConstTensor& idx, int64_t axis,
                  ConstTensor* out) {
  const int64_t rank = static_cast<int64_t>(data.dims.size());
  if (rank == 0 || !NormalizeAxis(&axis, rank)) return false;
  std::vector<int64_t> odims(data.dims.begin(), data.dims.begin() + axis);
  odims.insert(odims.end(), idx.dims.begin(), idx.dims.end());
  odims.insert(odims.end(), data.dims.begin() + axis + 1, data.dims.end());
  if (Product(odims, kMaxFoldElements) < 0) return false;
  *out = EmptyLike(data, odims);
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < axis; ++i) outer *= data.dims[i];
  for (int64_t i = axis + 1; i < rank; ++i) inner *= data.dims[i];
  const int64_t n = data.dims[axis];
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t k = 0; k < idx.NumElements(); ++k) {
      int64_t j = idx.IntAt(k);
      if (j < 0) j += n;
      if (j < 0 || j >= n) return false;
      for (int64_t in = 0; in < inner; ++in) {
        CopyElem(data, (o * n + j) * inner + in, out);
      }
    }
  }
  return true;
}

bool ConcatTensors(const std::vector<const ConstTensor*>& parts, int64_t axis,
                   ConstTensor* out) {
  if (parts.empty()) return false;
  const auto& d0 = parts[0]->dims;
  const int64_t rank = static_cast<int64_t>(d0.size());
  if (!NormalizeAxis(&axis, rank)) return false;
  std::vector<int64_t> odims = d0;
  odims[axis] = 0;
  for (const ConstTensor* p : parts) {
    if (p->dims.size() != d0.size() || p->IsFloat() != parts[0]->IsFloat()) {
      return false;
    }
    for (int64_t i = 0; i < rank; ++i) {
      if (i != axis && p->dims[i] != d0[i]) return false;
    }
    odims[axis] += p->dims[axis];
  }
  *out = EmptyLike(*parts[0], odims);
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < axis; ++i) outer *= d0[i];
  for (int64_t i = axis + 1; i < rank; ++i) inner *= d0[i];
  for (int64_t o = 0; o < outer; ++o) {
    for (const ConstTensor* p : parts) {
      const int64_t chunk = p->dims[axis] * inner;
      for (int64_t k = 0; k < chunk; ++k) CopyElem(*p, o * chunk + k, out);
    }
  }
  return true;
}

bool SliceTensor(const ConstTensor& a, const std::vector<int64_t>& starts,
                 const std::vector<int64_t>& ends,
                 const std::vector<int64_t>& axes_in,
                 const std::vector<int64_t>& steps, ConstTensor* out) {
  std::vector<int64_t> odims;
  if (!SliceDims(a.dims, starts, ends, axes_in, steps, &odims)) return false;
  const int64_t rank = static_cast<int64_t>(a.dims.size());
  std::vector<int64_t> first(rank, 0), step(rank, 1);
  std::vector<int64_t> axes = axes_in;
  if (axes.empty()) {
    for (size_t i = 0; i < starts.size(); ++i) axes.push_back(i);
  }
  for (size_t i = 0; i < axes.size(); ++i) {
    int64_t ax = axes[i];
    NormalizeAxis(&ax, rank);
    const int64_t d = a.dims[ax];
    int64_t s = starts[i];
    step[ax] = steps.empty() ? 1 : steps[i];
    step[ax] = std::clamp<int64_t>(step[ax], -(d + 1), d + 1);
    if (s < 0) s = s < -d ? 0 : s + d;
    first[ax] = step[ax] > 0 ? std::clamp<int64_t>(s, 0, d)
                             : std::clamp<int64_t>(s, 0, d - 1);
  }
  *out = EmptyLike(a, odims);
  if (Product(odims, kMaxFoldElements) <= 0) return Product(odims, 1) == 0;
  const auto strides = Strides(a.dims);
  std::vector<int64_t> idx(rank, 0);
  do {
    int64_t flat = 0;
    for (int64_t i = 0; i < rank; ++i) {
      flat += (first[i] + idx[i] * step[i]) * strides[i];
    }
    CopyElem(a, flat, out);
  } while (NextIndex(&idx, odims));
  return true;
}

bool ExpandTensor(const ConstTensor& a, const std::vector<int64_t>& shape,
                  ConstTensor* out) {
  std::vector<int64_t> odims;
  if (!BroadcastDims({a.dims, shape}, &odims)) return false;
  if (Product(odims, kMaxFoldElements) < 0) return false;
  *out = EmptyLike(a, odims);
  if (Product(odims, 1) == 0) return true;
  std::vector<int64_t> idx(odims.size(), 0);
  do {
    CopyElem(a, BroadcastIndex(idx, a.dims), out);
  } while (NextIndex(&idx, odims));
  return true;
}

bool WhereTensor(const ConstTensor& c, const ConstTensor& x,
                 const ConstTensor& y, ConstTensor* out) {
  if (x.IsFloat() != y.IsFloat()) return false;
  std::vector<int64_t> odims;
  if (!BroadcastDims({c.dims, x.dims, y.dims}, &odims)) return false;
  if (Product(odims, kMaxFoldElements) < 0) return false;
  *out = EmptyLike(x, odims);
  if (Product(odims, 1) == 0) return true;
  std::vector<int64_t> idx(odims.size(), 0);
  do {
    bool cond = c.IntAt(BroadcastIndex(idx, c.dims)) != 0;
    const ConstTensor& src = cond ? x : y;
    CopyElem(src, BroadcastIndex(idx, src.dims), out);
  } while (NextIndex(&idx, odims));
  return true;
}

bool TransposeTensor(const ConstTensor& a, std::vector<int64_t> perm,
                     ConstTensor* out) {
  const int64_t rank = static_cast<int64_t>(a.dims.size());
  if (perm.empty()) {
    for (int64_t i = rank - 1; i >= 0; --i) perm.push_back(i);
  }
  if (static_cast<int64_t>(perm.size()) != rank) return false;
  std::vector<bool> used(rank, false);
  std::vector<int64_t> odims;
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || used[p]) return false;
    used[p] = true;
    odims.push_back(a.dims[p]);
  }
  *out = EmptyLike(a, odims);
  if (a.NumElements() == 0) return true;
  const auto strides = Strides(a.dims);
  std::vector<int64_t> idx(rank, 0);
  do {
    int64_t flat = 0;
    for (int64_t i = 0; i < rank; ++i) flat += idx[i] * strides[perm[i]];
    CopyElem(a, flat, out);
  } while (NextIndex(&idx, odims));
  return true;
}

bool TileTensor(const ConstTensor& a, const std::vector<int64_t>& reps,
                ConstTensor* out) {
  if (reps.size() != a.dims.size()) return false;
  std::vector<int64_t> odims;
  for (size_t i = 0; i < reps.size(); ++i) {
    if (reps[i] < 0) return false;
    odims.push_back(a.dims[i] * reps[i]);
  }
  if (Product(odims, kMaxFoldElements) < 0) return false;
  *out = EmptyLike(a, odims);
  if (Product(odims, 1) == 0) return true;
  const auto strides = Strides(a.dims);
  std::vector<int64_t> idx(odims.size(), 0);
  do {
    int64_t flat = 0;
    for (size_t i = 0; i < idx.size(); ++i) {
      flat += (idx[i] % a.dims[i]) * strides[i];
    }
    CopyElem(a, flat, out);
  } while (NextIndex(&idx, odims));
  return true;
}

bool ReduceTensor(const ConstTensor& a, std::vector<int64_t> axes,
                  bool keepdims, const std::string& op, ConstTensor* out) {
  const int64_t rank = static_cast<int64_t>(a.dims.size());
  std::vector<bool> red(rank, axes.empty());
  for (int64_t ax : axes) {
    if (!NormalizeAxis(&ax, rank)) return false;
    red[ax] = true;
  }
  std::vector<int64_t> odims, kdims;
  for (int64_t i = 0; i < rank; ++i) {
    kdims.push_back(red[i] ? 1 : a.dims[i]);
    if (!red[i] || keepdims) odims.push_back(kdims.back());
  }
  *out = EmptyLike(a, odims);
  const int64_t n = Product(kdims, kMaxFoldElements);
  if (n < 0) return false;
  std::vector<double> acc(n, op == "ReduceProd" ? 1.0 : 0.0);
  std::vector<bool> seen(n, false);
  if (a.NumElements() > 0) {
    std::vector<int64_t> idx(rank, 0);
    int64_t flat = 0;
    do {
      std::vector<int64_t> kidx(rank);
      for (int64_t i = 0; i < rank; ++i) kidx[i] = red[i] ? 0 : idx[i];
      int64_t k = BroadcastIndex(kidx, kdims);
      double v = a.FloatAt(flat++);
      if (op == "ReduceSum") acc[k] += v;
      if (op == "ReduceProd") acc[k] *= v;
      if (op == "ReduceMax") acc[k] = seen[k] ? std::max(acc[k], v) : v;
      if (op == "ReduceMin") acc[k] = seen[k] ? std::min(acc[k], v) : v;
      seen[k] = true;
    } while (NextIndex(&idx, a.dims));
  }
  for (double v : acc) {
    if (out->IsFloat()) {
      out->floats.push_back(v);
    } else {
      if (!(std::fabs(v) < 9.2e18)) return false;  // also NaN
      out->ints.push_back(static_cast<int64_t>(v));
    }
  }
  return true;
}

namespace {

const std::set<std::string>& ElementwiseOps() {
  static const auto* s =
      new std::set<std::string>{"Add",        "Sub",         "Mul",
                                "Div",        "Mod",         "Pow",
                                "Min",        "Max",         "Sum",
                                "Neg",        "Abs",         "Floor",
                                "Ceil",       "Round",       "Sqrt",
                                "Reciprocal", "Equal",       "Less",
                                "Greater",    "LessOrEqual", "GreaterOrEqual",
                                "Not",        "And",         "Or",
                                "Xor"};
  return *s;
}

bool IsCompare(const std::string& op) {
  return op == "Equal" || op == "Less" || op == "Greater" ||
         op == "LessOrEqual" || op == "GreaterOrEqual" || op == "Not" ||
         op == "And" || op == "Or" || op == "Xor";
}

bool IntOp(const std::string& op, int64_t a, int64_t b, int64_t fmod,
           int64_t* r) {
  if (a == kUnknownDim || b == kUnknownDim) {
    *r = kUnknownDim;
    return true;
  }
  __int128 x = a, y = b, v;
  if (op == "Add" || op == "Sum")
    v = x + y;
  else if (op == "Sub")
    v = x - y;
  else if (op == "Mul")
    v = x * y;
  else if (op == "Div") {
    if (b == 0) return false;
    v = x / y;
  } else if (op == "Mod") {
    if (b == 0) return false;
    v = x % y;
    if (!fmod && v != 0 && ((v < 0) != (y < 0))) v += y;
  } else if (op == "Min")
    v = std::min(x, y);
  else if (op == "Max")
    v = std::max(x, y);
  else if (op == "Pow") {
    if (b < 0 || b > 62) return false;
    v = 1;
    for (int64_t i = 0; i < b; ++i) {
      v *= x;
      if (v > INT64_MAX || v < INT64_MIN) return false;
    }
  } else {
    return false;
  }
  if (v > INT64_MAX || v < INT64_MIN) return false;
  *r = static_cast<int64_t>(v);
  return true;
}

double FloatOp(const std::string& op, double a, double b) {
  if (op == "Add" || op == "Sum") return a + b;
  if (op == "Sub") return a - b;
  if (op == "Mul") return a * b;
  if (op == "Div") return a / b;
  if (op == "Mod") return std::fmod(a, b);
  if (op == "Min") return std::min(a, b);
  if (op == "Max") return std::max(a, b);
  return std::pow(a, b);  // Pow
}

}  // namespace

bool IsElementwiseFoldable(const std::string& op) {
  return ElementwiseOps().count(op) > 0;
}

bool ElementwiseTensor(const std::string& op,
                       const std::vector<const ConstTensor*>& args,
                       int64_t fmod, ConstTensor* out) {
  const bool unary = op == "Neg" || op == "Abs" || op == "Floor" ||
                     op == "Ceil" || op == "Round" || op == "Sqrt" ||
                     op == "Reciprocal" || op == "Not";
  if (unary ? args.size() != 1 : args.size() < 2) return false;
  if (!unary && args.size() > 2 && op != "Min" && op != "Max" && op != "Sum") {
    return false;
  }
  std::vector<std::vector<int64_t>> shapes;
  for (const ConstTensor* t : args) shapes.push_back(t->dims);
  std::vector<int64_t> odims;
  if (!BroadcastDims(shapes, &odims)) return false;
  if (Product(odims, kMaxFoldElements) < 0) return false;
  const ConstTensor& a = *args[0];
  const bool cmp = IsCompare(op);
  bool as_float = false;
  for (const ConstTensor* t : args) as_float |= t->IsFloat();
  if (cmp || as_float) {
    for (const ConstTensor* t : args) {
      if (HasUnknown(*t)) return false;
    }
  }
  *out = EmptyLike(a, odims);
  if (cmp) out->elem_type = 9;  // BOOL
  if (as_float && !cmp && !a.IsFloat()) out->elem_type = 1;
  if (Product(odims, 1) == 0) return true;
  std::vector<int64_t> idx(odims.size(), 0);
  do {
    if (unary) {
      int64_t i = BroadcastIndex(idx, a.dims);
      if (op == "Not") {
        out->ints.push_back(a.IntAt(i) == 0);
      } else if (a.IsFloat()) {
        double v = a.floats[i];
        double r = op == "Neg"     ? -v
                   : op == "Abs"   ? std::fabs(v)
                   : op == "Floor" ? std::floor(v)
                   : op == "Ceil"  ? std::ceil(v)
                   : op == "Round" ? std::nearbyint(v)
                   : op == "Sqrt"  ? std::sqrt(v)
                                   : 1.0 / v;
        out->floats.push_back(r);
      } else {
        int64_t v = a.ints[i];
        if (v == kUnknownDim || v == INT64_MIN) {
          out->ints.push_back(kUnknownDim);
        } else if (op == "Neg") {
          out->ints.push_back(-v);
        } else if (op == "Abs") {
          out->ints.push_back(v < 0 ? -v : v);
        } else if (op == "Floor" || op == "Ceil" || op == "Round") {
          out->ints.push_back(v);
        } else {
          return false;
        }
      }
      continue;
    }
    if (cmp) {
      double x = args[0]->FloatAt(BroadcastIndex(idx, args[0]->dims));
      double y = args[1]->FloatAt(BroadcastIndex(idx, args[1]->dims));
      bool r = op == "Equal"            ? x == y
               : op == "Less"           ? x < y
               : op == "Greater"        ? x > y
               : op == "LessOrEqual"    ? x <= y
               : op == "GreaterOrEqual" ? x >= y
               : op == "And"            ? (x != 0 && y != 0)
               : op == "Or"             ? (x != 0 || y != 0)
                                        : ((x != 0) != (y != 0));
      out->ints.push_back(r);
      continue;
    }
    if (out->IsFloat()) {
      double r = args[0]->FloatAt(BroadcastIndex(idx, args[0]->dims));
      for (size_t k = 1; k < args.size(); ++k) {
        r = FloatOp(op, r,
                    args[k]->FloatAt(BroadcastIndex(idx, args[k]->dims)));
      }
      out->floats.push_back(r);
    } else {
      int64_t r = args[0]->ints[BroadcastIndex(idx, args[0]->dims)];
      for (size_t k = 1; k < args.size(); ++k) {
        if (!IntOp(op, r, args[k]->ints[BroadcastIndex(idx, args[k]->dims)],
                   fmod, &r)) {
          return false;
        }
      }
      out->ints.push_back(r);
    }
  } while (NextIndex(&idx, odims));
  return true;
}

}  // namespace maestro::frontend
