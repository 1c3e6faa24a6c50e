#include "core/mapping.h"

#include <algorithm>
#include <array>
#include <climits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/hardware.h"

namespace maestro {

// ---------------------------------------------------------------- Expr

Expr Expr::Const(int64_t v) {
  Expr e;
  e.op = Op::kConst;
  e.value = v;
  return e;
}

Expr Expr::Sz(Dim d) {
  Expr e;
  e.op = Op::kSz;
  e.dim = d;
  return e;
}

Expr Expr::Stride(Dim d) {
  Expr e;
  e.op = Op::kStride;
  e.dim = d;
  return e;
}

Expr Expr::Binary(Op op, Expr a, Expr b) {
  Expr e;
  e.op = op;
  e.args.push_back(std::move(a));
  e.args.push_back(std::move(b));
  return e;
}

bool Expr::IsPlainMaestro() const {
  if (op == Op::kConst) return value >= 0;
  if (op == Op::kSz) return dim != Dim::kYo && dim != Dim::kXo;
  return false;
}

namespace {

absl::Status EvalError(absl::string_view what) {
  return absl::InvalidArgumentError(std::string(what));
}

}  // namespace

absl::StatusOr<int64_t> Expr::Eval(const Layer& layer) const {
  switch (op) {
    case Op::kConst:
      return value;
    case Op::kSz:
      if (dim == Dim::kYo || dim == Dim::kXo) {
        if (!layer.IsConvLike()) {
          return EvalError(absl::StrCat("Sz(", DimName(dim), ") on a ",
                                        LayerTypeName(layer.type),
                                        " layer; expected a dim of the layer"));
        }
        return dim == Dim::kYo ? layer.OutY() : layer.OutX();
      }
      if (!layer.Has(dim)) {
        // An absent batch or group count is 1 (documented).
        if (dim == Dim::kN || dim == Dim::kG) return int64_t{1};
        return EvalError(absl::StrCat("Sz(", DimName(dim), "): layer '",
                                      layer.name, "' has no dimension ",
                                      DimName(dim),
                                      "; expected a dim of its Dimensions"));
      }
      return layer.Get(dim);
    case Op::kStride:
      if (dim == Dim::kY || dim == Dim::kYo) return layer.stride_y;
      if (dim == Dim::kX || dim == Dim::kXo) return layer.stride_x;
      return EvalError(absl::StrCat("Stride(", DimName(dim),
                                    "); expected Stride(Y) or Stride(X)"));
    default:
      break;
  }
  if (args.size() != 2) return EvalError("malformed expression");
  absl::StatusOr<int64_t> a = args[0].Eval(layer);
  if (!a.ok()) return a;
  absl::StatusOr<int64_t> b = args[1].Eval(layer);
  if (!b.ok()) return b;
  int64_t r = 0;
  switch (op) {
    case Op::kAdd:
      if (__builtin_add_overflow(*a, *b, &r)) break;
      return r;
    case Op::kSub:
      if (__builtin_sub_overflow(*a, *b, &r)) break;
      return r;
    case Op::kMul:
      if (__builtin_mul_overflow(*a, *b, &r)) break;
      return r;
    case Op::kDiv: {
      if (*b == 0) {
        return EvalError(absl::StrCat("division by zero in ", ToString(),
                                      "; expected a non-zero divisor"));
      }
      if (*a == INT64_MIN && *b == -1) break;
      int64_t q = *a / *b;
      if ((*a % *b != 0) && ((*a < 0) != (*b < 0))) --q;  // floor
      return q;
    }
    case Op::kMin:
      return std::min(*a, *b);
    case Op::kMax:
      return std::max(*a, *b);
    default:
      return EvalError("malformed expression");
  }
  return EvalError(absl::StrCat("integer overflow in ", ToString(),
                                "; expected values within 64 bits"));
}

namespace {

// Precedence for printing: 1 = + -, 2 = * /, 3 = atoms and calls.
int Prec(Expr::Op op) {
  switch (op) {
    case Expr::Op::kAdd:
    case Expr::Op::kSub:
      return 1;
    case Expr::Op::kMul:
    case Expr::Op::kDiv:
      return 2;
    default:
      return 3;
  }
}

}  // namespace

std::string Expr::ToString() const {
  switch (op) {
    case Op::kConst:
      return absl::StrCat(value);
    case Op::kSz:
      return absl::StrCat("Sz(", DimName(dim), ")");
    case Op::kStride:
      return absl::StrCat("Stride(", DimName(dim), ")");
    default:
      break;
  }
  if (args.size() != 2) return "?";
  if (op == Op::kMin || op == Op::kMax) {
    return absl::StrCat(op == Op::kMin ? "min(" : "max(", args[0].ToString(),
                        ",", args[1].ToString(), ")");
  }
  int p = Prec(op);
  std::string l = args[0].ToString();
  std::string r = args[1].ToString();
  // Left-associative: the left operand needs parentheses only when it binds
  // looser, the right one also when it binds equally.
  if (Prec(args[0].op) < p) l = absl::StrCat("(", l, ")");
  if (Prec(args[1].op) <= p) r = absl::StrCat("(", r, ")");
  const char* sym = op == Op::kAdd   ? "+"
                    : op == Op::kSub ? "-"
                    : op == Op::kMul ? "*"
                                     : "/";
  return absl::StrCat(l, sym, r);
}

bool Expr::operator==(const Expr& o) const {
  if (op != o.op) return false;
  switch (op) {
    case Op::kConst:
      return value == o.value;
    case Op::kSz:
    case Op::kStride:
      return dim == o.dim;
    default:
      return args == o.args;
  }
}

// ---------------------------------------------------------------- Directive

const char* DirectiveKindName(DirectiveKind k) {
  switch (k) {
    case DirectiveKind::kTemporalMap:
      return "TemporalMap";
    case DirectiveKind::kSpatialMap:
      return "SpatialMap";
    case DirectiveKind::kCluster:
      return "Cluster";
  }
  return "?";
}

Directive Directive::Temporal(Expr size, Expr offset, Dim d) {
  Directive r;
  r.kind = DirectiveKind::kTemporalMap;
  r.size = std::move(size);
  r.offset = std::move(offset);
  r.dim = d;
  return r;
}

Directive Directive::Spatial(Expr size, Expr offset, Dim d) {
  Directive r = Temporal(std::move(size), std::move(offset), d);
  r.kind = DirectiveKind::kSpatialMap;
  return r;
}

Directive Directive::Cluster(Expr size) {
  Directive r;
  r.kind = DirectiveKind::kCluster;
  r.size = std::move(size);
  r.offset = Expr::Const(0);
  return r;
}

std::string Directive::ToString() const {
  if (kind == DirectiveKind::kCluster) {
    return absl::StrCat("Cluster(", size.ToString(), ",", logical ? "L" : "P",
                        ")");
  }
  return absl::StrCat(DirectiveKindName(kind), "(", size.ToString(), ",",
                      offset.ToString(), ") ", DimName(dim));
}

bool Directive::operator==(const Directive& o) const {
  if (kind != o.kind || !(size == o.size)) return false;
  if (kind == DirectiveKind::kCluster) return logical == o.logical;
  return offset == o.offset && dim == o.dim;
}

// ---------------------------------------------------------------- Resolution

namespace {

absl::Status At(const SourceLocation& loc, absl::string_view msg) {
  std::string where = loc.ToString();
  return absl::InvalidArgumentError(
      where.empty() ? absl::StrCat("error: ", msg)
                    : absl::StrCat(where, ": error: ", msg));
}

// The dims a directive of a layer may name: the layer's own dims, plus Y'/X'
// for convolution-like layers.
bool LayerHasDirectiveDim(const Layer& layer, Dim d) {
  if (d == Dim::kYo) return layer.IsConvLike() && layer.Has(Dim::kY);
  if (d == Dim::kXo) return layer.IsConvLike() && layer.Has(Dim::kX);
  if (!layer.Has(d)) return false;
  if (layer.type == LayerType::kGemm) {
    return d == Dim::kM || d == Dim::kN || d == Dim::kK;
  }
  if (d == Dim::kM) return false;
  if (d == Dim::kG) return layer.type == LayerType::kNgconv;
  return true;
}

std::string LayerDimList(const Layer& layer) {
  std::string out;
  for (Dim d : kAllDims) {
    if (!LayerHasDirectiveDim(layer, d)) continue;
    absl::StrAppend(&out, out.empty() ? "" : ", ", DimName(d));
  }
  return out;
}

std::string InLayer(const Layer& layer) {
  return absl::StrCat(" in layer '", layer.name, "' (",
                      LayerTypeName(layer.type), ")");
}

struct Evaluated {
  const Directive* d;
  int64_t size = 0;
  int64_t offset = 0;
};

// Checks one directive on its own (dim, positivity, MAESTRO's R/S rule).
absl::Status CheckDirective(const Evaluated& e, const Layer& layer) {
  const Directive& d = *e.d;
  // Built only for an error: this runs for every directive of every layer.
  auto text = [&d] { return d.ToString(); };
  if (d.kind == DirectiveKind::kCluster) {
    if (e.size <= 0) {
      return At(d.loc,
                absl::StrCat(text(), InLayer(layer), " has cluster size ",
                             e.size, "; expected a size >= 1"));
    }
    return absl::OkStatus();
  }
  if (!LayerHasDirectiveDim(layer, d.dim)) {
    return At(d.loc,
              absl::StrCat(text(), InLayer(layer), " maps dimension ",
                           DimName(d.dim), ", which the layer does not have; ",
                           "expected one of ", LayerDimList(layer)));
  }
  if (e.size <= 0) {
    return At(d.loc, absl::StrCat(text(), InLayer(layer), " has size ", e.size,
                                  "; expected a size >= 1"));
  }
  if (e.offset <= 0) {
    return At(d.loc, absl::StrCat(text(), InLayer(layer), " has offset ",
                                  e.offset, "; expected an offset >= 1"));
  }
  const bool rs = d.dim == Dim::kR || d.dim == Dim::kS;
  if (d.kind == DirectiveKind::kTemporalMap && rs) {
    // MAESTRO's own check: a filter dim is never tiled in time.
    const int64_t full = layer.Get(d.dim);
    if (e.size != e.offset || e.size != full) {
      return At(d.loc, absl::StrCat(
                           text(), InLayer(layer), " has size ", e.size,
                           " and offset ", e.offset, ", but a TemporalMap on ",
                           DimName(d.dim), " must cover the whole filter; ",
                           "expected TemporalMap(Sz(", DimName(d.dim), "),Sz(",
                           DimName(d.dim), ")) ", DimName(d.dim),
                           " (size == offset == ", full, ")"));
    }
  }
  // A strided conv never reads the input rows/columns between one output's
  // window and the next when stride > filter, so a Y/X tile may skip them:
  // offset a multiple of the stride and offset - size <= stride - filter.
  const bool strided_gap_ok = [&] {
    if (!layer.IsConvLike() || (d.dim != Dim::kY && d.dim != Dim::kX)) {
      return false;
    }
    const bool y = d.dim == Dim::kY;
    const int64_t stride = y ? layer.stride_y : layer.stride_x;
    const int64_t filter = layer.Get(y ? Dim::kR : Dim::kS);
    return stride > filter && e.offset % stride == 0 &&
           e.offset - e.size <= stride - filter;
  }();
  if (e.offset > e.size && !strided_gap_ok) {
    return At(d.loc, absl::StrCat(text(), InLayer(layer), " has offset ",
                                  e.offset, " > size ", e.size,
                                  ", which skips ", e.offset - e.size,
                                  " of every ", e.offset, " indices of ",
                                  DimName(d.dim), "; expected offset <= size"));
  }
  return absl::OkStatus();
}

// Tile of `dim` at a level: its first directive there, else the tile of the
// level above (MAESTRO inherits missing dims), else the full layer size.
struct Tiles {
  int64_t y, x, r, s;
};

// Checks that every level's Y (X) tile holds at least one filter window:
// MAESTRO computes Y' = Y - R + 1 per tile, 0 or negative when the tile is
// smaller (0 MACs and negative counts).
//
// Exception (MAESTRO's shipped Eyeriss-style *_rs files, which it runs): a
// Y/X SpatialMap at a level with two SpatialMaps spreads the window over the
// units; it is accepted with a warning.
absl::Status CheckWindows(const std::vector<std::vector<Evaluated>>& levels,
                          const std::vector<const Directive*>& openers,
                          const Layer& layer, const SourceLocation& df_loc,
                          std::vector<std::string>& warnings) {
  if (!layer.IsConvLike()) return absl::OkStatus();
  Tiles t{layer.Get(Dim::kY), layer.Get(Dim::kX), layer.Get(Dim::kR),
          layer.Get(Dim::kS)};
  for (size_t li = 0; li < levels.size(); ++li) {
    const Evaluated* first[kNumDims] = {};
    for (const Evaluated& e : levels[li]) {
      if (!first[DimIndex(e.d->dim)]) first[DimIndex(e.d->dim)] = &e;
    }
    Tiles n = t;
    if (first[DimIndex(Dim::kR)]) n.r = first[DimIndex(Dim::kR)]->size;
    if (first[DimIndex(Dim::kS)]) n.s = first[DimIndex(Dim::kS)]->size;
    struct Axis {
      Dim in, out, filter;
      int64_t* tile;
      int64_t filter_tile;
    };
    Axis axes[] = {{Dim::kY, Dim::kYo, Dim::kR, &n.y, n.r},
                   {Dim::kX, Dim::kXo, Dim::kS, &n.x, n.s}};
    for (Axis& a : axes) {
      const Evaluated* in = first[DimIndex(a.in)];
      const Evaluated* out = first[DimIndex(a.out)];
      // Whichever comes first at this level decides the tile.
      if (out && (!in || out < in)) {
        if (__builtin_add_overflow(out->size, a.filter_tile - 1, a.tile)) {
          *a.tile = INT64_MAX;
        }
        continue;
      }
      if (in) *a.tile = in->size;
      if (*a.tile < a.filter_tile && in &&
          in->d->kind == DirectiveKind::kSpatialMap) {
        int spatial = 0;
        for (const Evaluated& e : levels[li]) {
          spatial += e.d->kind == DirectiveKind::kSpatialMap;
        }
        if (spatial == 2) {
          warnings.push_back(absl::StrCat(
              in->d->loc.ToString(), ": warning: ", in->d->ToString(),
              InLayer(layer), ": at cluster level ", li, " the ", DimName(a.in),
              " tile ", *a.tile, " is smaller than the ", DimName(a.filter),
              " tile ", a.filter_tile,
              "; accepted as a 2-D spatial spread of the window, but MAESTRO "
              "computes negative output tiles here (its *_rs files)"));
          continue;
        }
      }
      if (*a.tile < a.filter_tile) {
        const Directive* blame = in ? in->d : nullptr;
        const Directive* fdir =
            first[DimIndex(a.filter)] ? first[DimIndex(a.filter)]->d : nullptr;
        const SourceLocation& loc =
            blame ? blame->loc
                  : (fdir ? fdir->loc
                          : (openers[li] ? openers[li]->loc : df_loc));
        std::string what =
            blame ? blame->ToString()
                  : absl::StrCat("the ", DimName(a.in), " tile inherited from ",
                                 "the level above");
        return At(
            loc,
            absl::StrCat(
                what, InLayer(layer), ": at cluster level ", li, " the ",
                DimName(a.in), " tile is ", *a.tile, " but the ",
                DimName(a.filter), " tile is ", a.filter_tile,
                ", so no filter window fits (0 MACs, negative counts "
                "in MAESTRO); expected a ",
                DimName(a.in), " tile >= ", a.filter_tile, ", e.g. Sz(",
                DimName(a.filter), ") or a ", DimName(a.out), " directive"));
      }
    }
    t = n;
  }
  return absl::OkStatus();
}

// What one map does to its dim: the indices it computes other than once.
std::string CoverageProblem(const IterationTile& t, int64_t extent,
                            const Layer& layer) {
  const int64_t positions = MapPositions(t.size, t.offset, extent);
  std::vector<int> count(static_cast<size_t>(extent), 0);
  for (int64_t p = 0; p < positions; ++p) {
    const int64_t lo = p * t.offset;
    for (int64_t i = lo; i < std::min(lo + t.size, extent); ++i) ++count[i];
  }
  const bool yx = layer.IsConvLike() && (t.dim == Dim::kY || t.dim == Dim::kX);
  const std::string rows =
      !yx ? absl::StrCat(DimName(t.dim), " indices")
          : (t.dim == Dim::kY ? "output rows" : "output columns");
  auto list = [&](auto pred) {
    std::string out;
    int n = 0;
    for (int64_t i = 0; i < extent; ++i) {
      if (!pred(count[i])) continue;
      if (++n > 8) return out + ", ...";
      absl::StrAppend(&out, n > 1 ? ", " : "", i);
    }
    return out;
  };
  std::string unit = yx ? rows : "indices";
  if (t.size == 1) unit = yx ? unit.substr(0, unit.size() - 1) : "index";
  const std::string tile =
      absl::StrCat("tiles of ", t.size, " ", unit, " advancing by ", t.offset,
                   " over ", extent);
  if (t.offset > t.size) {
    return absl::StrCat("puts ", rows, " ", list([](int c) { return c == 0; }),
                        " in no tile (", tile, " cover ",
                        list([](int c) { return c > 0; }),
                        " only), so they are never computed");
  }
  return absl::StrCat("puts ", rows, " ", list([](int c) { return c > 1; }),
                      " in more than one tile (", tile,
                      "), so they are computed more than once");
}

// Checks that the mapping computes every point of the iteration space
// exactly once, in the exact reading of its maps (IterationTileOf): every
// map's tiles partition its dim (offset == tile, or one tile covering the
// dim the level sees), and a level's two SpatialMaps, which advance
// together with the unit index, do not leave combinations out (both have
// one position, or they are the row-stationary pair SpatialMap(s,o) Y;
// SpatialMap(s,o) R with s < R, whose Y map is dropped). Returns the
// problem located at its directive, or an empty message.
struct Located {
  SourceLocation loc;
  std::string msg;
};
Located CheckCoverage(const std::vector<std::vector<Evaluated>>& levels,
                      const std::vector<int64_t>& units, const Layer& layer) {
  std::array<int64_t, kNumDims> extent{};
  for (Dim d : kAllDims) extent[DimIndex(d)] = layer.GetOr1(d);
  if (layer.IsConvLike()) {
    extent[DimIndex(Dim::kY)] = layer.OutY();
    extent[DimIndex(Dim::kX)] = layer.OutX();
  }
  for (size_t li = 0; li < levels.size(); ++li) {
    const std::vector<Evaluated>& lv = levels[li];
    std::vector<IterationTile> tiles;
    std::vector<bool> skip(lv.size(), false);
    for (const Evaluated& e : lv) {
      tiles.push_back(
          IterationTileOf(layer, Map{e.d->kind, e.size, e.offset, e.d->dim}));
    }
    // The row-stationary pair: the Y (X) half is dropped.
    auto first = [&](Dim d) {
      for (size_t j = 0; j < lv.size(); ++j) {
        if (tiles[j].dim == d) return static_cast<int>(j);
      }
      return -1;
    };
    for (auto [v, f] :
         {std::pair{Dim::kY, Dim::kR}, std::pair{Dim::kX, Dim::kS}}) {
      const int jy = first(v), jf = first(f);
      if (!layer.IsConvLike() || jy < 0 || jf < 0) continue;
      const Evaluated& y = lv[jy];
      const Evaluated& r = lv[jf];
      skip[jy] = y.d->dim == v && y.d->kind == DirectiveKind::kSpatialMap &&
                 r.d->kind == DirectiveKind::kSpatialMap &&
                 y.size < layer.GetOr1(f) && y.size == r.size &&
                 y.offset == r.offset;
    }
    // Each map's tile (a later map on a dim tiles the earlier one's tile,
    // and is a single position inside it when it covers it) and the extent
    // it sees.
    std::array<int64_t, kNumDims> next = extent;
    std::vector<int64_t> ext(lv.size(), 0);
    std::vector<size_t> spatial;
    for (size_t j = 0; j < lv.size(); ++j) {
      const IterationTile& t = tiles[j];
      const int d = DimIndex(t.dim);
      if (skip[j] || t.size < 1) continue;  // t < 1: CheckWindows' case
      ext[j] = extent[d];
      for (size_t i = 0; i < j; ++i) {
        if (!skip[i] && tiles[i].dim == t.dim) {
          ext[j] = std::min(ext[j], tiles[i].size);
        }
      }
      next[d] = std::min(next[d], t.size);
      if (lv[j].d->kind == DirectiveKind::kSpatialMap) spatial.push_back(j);
    }
    if (spatial.size() == 2 && units[li] > 1) {
      const IterationTile& a = tiles[spatial[0]];
      const IterationTile& b = tiles[spatial[1]];
      const int64_t pa = MapPositions(a.size, a.offset, ext[spatial[0]]);
      const int64_t pb = MapPositions(b.size, b.offset, ext[spatial[1]]);
      if (pa > 1 || pb > 1) {
        const Directive& second = *lv[spatial[1]].d;
        return {
            second.loc,
            absl::StrCat(second.ToString(), InLayer(layer), " and ",
                         lv[spatial[0]].d->ToString(), " at cluster level ", li,
                         " advance together over its ", units[li],
                         " units (unit u takes position u of both: ", pa,
                         " and ", pb, " positions), so only the ",
                         DimName(a.dim), " and ", DimName(b.dim),
                         " tiles whose positions agree modulo ", units[li],
                         " are computed together; expected one SpatialMap per "
                         "level (or the row-stationary pair SpatialMap(s,o) Y; "
                         "SpatialMap(s,o) R with s < R)")};
      }
    }
    for (size_t j = 0; j < lv.size(); ++j) {
      const IterationTile& t = tiles[j];
      if (ext[j] == 0 || t.size >= ext[j] || t.offset == t.size) continue;
      return {lv[j].d->loc,
              absl::StrCat(lv[j].d->ToString(), InLayer(layer),
                           " at cluster level ", li, " ",
                           CoverageProblem(t, ext[j], layer),
                           "; expected an offset equal to the tile, or a "
                           "tile covering the dim")};
    }
    extent = next;
  }
  return {};
}

}  // namespace

IterationTile IterationTileOf(const Layer& layer, const Map& m) {
  IterationTile t{m.dim, m.size, m.offset};
  if (!layer.IsConvLike()) return t;
  if (m.dim == Dim::kYo || m.dim == Dim::kXo) {
    t.dim = m.dim == Dim::kYo ? Dim::kY : Dim::kX;
    return t;
  }
  if (m.dim != Dim::kY && m.dim != Dim::kX) return t;
  const bool y = m.dim == Dim::kY;
  const int64_t st = y ? layer.stride_y : layer.stride_x;
  const int64_t f = layer.GetOr1(y ? Dim::kR : Dim::kS);
  t.size = st == 1 ? m.size - f + 1 : (m.size >= f ? (m.size - f) / st + 1 : 0);
  t.offset = st == 1 ? m.offset : t.size;
  return t;
}

int64_t MapPositions(int64_t size, int64_t offset, int64_t extent) {
  return std::min(
      1 + (extent > size ? (extent - size + offset - 1) / offset : 0),
      (extent + offset - 1) / offset);
}

absl::StatusOr<ResolvedMapping> ResolveDataflow(const Dataflow& df,
                                                const Layer& layer,
                                                const Hardware& hw,
                                                const ResolveOptions& options) {
  absl::Status layer_ok = ValidateLayer(layer);
  if (!layer_ok.ok()) return layer_ok;
  if (hw.num_pes < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "error: hardware has ", hw.num_pes, " PEs; expected num_pes >= 1"));
  }
  if (df.directives.empty()) {
    return At(df.loc.file.empty() ? layer.loc : df.loc,
              absl::StrCat("layer '", layer.name,
                           "' has an empty dataflow; expected at least one ",
                           "SpatialMap directive"));
  }
  // Evaluate and check each directive, splitting at Cluster.
  std::vector<std::vector<Evaluated>> levels(1);
  std::vector<const Directive*> openers = {nullptr};  // the Cluster opening
  for (const Directive& d : df.directives) {
    Evaluated e{&d};
    absl::StatusOr<int64_t> size = d.size.Eval(layer);
    if (!size.ok()) {
      return At(d.loc, absl::StrCat(d.ToString(), InLayer(layer), ": ",
                                    size.status().message()));
    }
    e.size = *size;
    if (d.kind != DirectiveKind::kCluster) {
      absl::StatusOr<int64_t> offset = d.offset.Eval(layer);
      if (!offset.ok()) {
        return At(d.loc, absl::StrCat(d.ToString(), InLayer(layer), ": ",
                                      offset.status().message()));
      }
      e.offset = *offset;
    }
    absl::Status st = CheckDirective(e, layer);
    if (!st.ok()) return st;
    if (d.kind == DirectiveKind::kCluster) {
      levels.emplace_back();
      openers.push_back(&d);
    } else {
      levels.back().push_back(e);
    }
  }

  // One or two SpatialMaps per level.
  for (size_t li = 0; li < levels.size(); ++li) {
    int spatial = 0;
    const Directive* third = nullptr;
    for (const Evaluated& e : levels[li]) {
      if (e.d->kind != DirectiveKind::kSpatialMap) continue;
      if (++spatial == 3) third = e.d;
    }
    if (spatial == 0) {
      const SourceLocation& loc =
          openers[li] ? openers[li]->loc
                      : (levels[li].empty() ? df.loc : levels[li][0].d->loc);
      std::string what = openers[li]
                             ? absl::StrCat("the cluster level opened by ",
                                            openers[li]->ToString())
                             : std::string("the top cluster level");
      return At(loc, absl::StrCat(what, InLayer(layer), " has no SpatialMap",
                                  levels[li].empty() ? " (it is empty)" : "",
                                  "; expected one or two SpatialMap ",
                                  "directives per level"));
    }
    if (third) {
      return At(third->loc,
                absl::StrCat(third->ToString(), InLayer(layer),
                             " is the third SpatialMap of cluster level ", li,
                             "; expected one or two SpatialMaps per level"));
    }
  }

  // Cluster sizes against the PE count.
  int64_t product = 1;
  std::string sizes;
  for (size_t li = 1; li < levels.size(); ++li) {
    int64_t n = 0;
    absl::StatusOr<int64_t> v = openers[li]->size.Eval(layer);
    n = v.ok() ? *v : 0;
    absl::StrAppend(&sizes, sizes.empty() ? "" : " x ", n);
    if (__builtin_mul_overflow(product, n, &product) || product > hw.num_pes) {
      return At(openers[li]->loc,
                absl::StrCat(
                    openers[li]->ToString(), InLayer(layer),
                    ": the clusters hold ", sizes, " PEs, more than ", "the ",
                    hw.num_pes, " PEs of the hardware",
                    hw.name.empty() ? "" : absl::StrCat(" '", hw.name, "'"),
                    "; expected a product of cluster sizes <= ", hw.num_pes));
    }
  }

  ResolvedMapping out;
  for (size_t li = 0; li < levels.size(); ++li) {
    for (size_t j = 0; j < levels[li].size(); ++j) {
      const Directive* d = levels[li][j].d;
      for (size_t i = 0; i < j; ++i) {
        const Directive* first = levels[li][i].d;
        if (first->dim != d->dim) continue;
        out.warnings.push_back(absl::StrCat(
            d->loc.ToString(), ": warning: ", d->ToString(), InLayer(layer),
            " maps ", DimName(d->dim), " a second time at cluster level ", li,
            " (first ", first->ToString(), " at ", first->loc.line, ":",
            first->loc.column, "); MAESTRO's counts then use the later ",
            "directive's tile"));
        break;
      }
    }
  }
  absl::Status windows =
      CheckWindows(levels, openers, layer, df.loc, out.warnings);
  if (!windows.ok()) return windows;
  std::vector<int64_t> units(levels.size());
  for (size_t li = 0; li < levels.size(); ++li) {
    units[li] = li == 0 ? hw.num_pes / product
                        : openers[li]->size.Eval(layer).value_or(1);
  }
  if (Located c = CheckCoverage(levels, units, layer); !c.msg.empty()) {
    if (options.coverage == CoverageCheck::kError) return At(c.loc, c.msg);
    out.warnings.push_back(
        absl::StrCat(c.loc.ToString(), ": warning: ", c.msg,
                     " (accepted under maestro semantics: MAESTRO's reading)"));
  }

  out.levels.resize(levels.size());
  for (size_t li = 0; li < levels.size(); ++li) {
    ClusterLevel& cl = out.levels[li];
    cl.num_units = units[li];
    for (const Evaluated& e : levels[li]) {
      Map m;
      m.kind = e.d->kind;
      m.size = e.size;
      m.offset = e.offset;
      m.dim = e.d->dim;
      cl.maps.push_back(m);
      cl.locs.push_back(e.d->loc);
    }
  }
  return out;
}

}  // namespace maestro
