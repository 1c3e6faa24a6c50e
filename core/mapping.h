// Mapping directives (MAESTRO's data-centric notation) and their resolution
// against one layer into cluster levels of concrete numbers.
//
// Example:
//   Dataflow df;  // usually from ParseMappingFile() (core/dsl/parser.h)
//   df.directives.push_back(Directive::Spatial(Expr::Const(1), Expr::Const(1),
//   Dim::kK)); df.directives.push_back(Directive::Temporal(Expr::Sz(Dim::kR),
//   Expr::Const(1), Dim::kY)); absl::StatusOr<ResolvedMapping> m =
//   ResolveDataflow(df, layer, hw);
//   // m->levels[0].maps[1] == {kTemporal, size = R, offset = 1, Y}
//
// Resolution evaluates the expressions for the layer, splits the list at
// each Cluster into levels and rejects what MAESTRO crashes on or silently
// miscounts (see spec/mapping-language.md), each error with the directive's
// file:line:col. It does not complete levels (inheriting dims, stride
// rewriting): that is the cost engine's job.
#ifndef MAESTRO_ONNX_CORE_MAPPING_H_
#define MAESTRO_ONNX_CORE_MAPPING_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/dims.h"
#include "core/layer.h"
#include "core/source_location.h"

namespace maestro {

struct Hardware;

// A size or offset: an integer, Sz(D), or (our extension) arithmetic over
// them and the layer's strides. Named constants are substituted at parse.
struct Expr {
  enum class Op : uint8_t {
    kConst,   // value
    kSz,      // full size of `dim` in the layer
    kStride,  // the layer's stride along `dim` (Y or X)
    kAdd,
    kSub,
    kMul,
    kDiv,  // args[0] op args[1]; kDiv floors
    kMin,
    kMax,  // args[0], args[1]
  };
  Op op = Op::kConst;
  int64_t value = 0;
  Dim dim = Dim::kN;
  std::vector<Expr> args;

  static Expr Const(int64_t v);
  static Expr Sz(Dim d);
  static Expr Stride(Dim d);
  static Expr Binary(Op op, Expr a, Expr b);

  bool IsPlainMaestro() const;  // a constant or Sz(D): MAESTRO can read it
  absl::StatusOr<int64_t> Eval(const Layer& layer) const;
  std::string ToString() const;  // in the mapping language
  bool operator==(const Expr& o) const;
};

enum class DirectiveKind : uint8_t { kTemporalMap, kSpatialMap, kCluster };

struct Directive {
  DirectiveKind kind = DirectiveKind::kTemporalMap;
  Expr size;             // Cluster: the cluster size
  Expr offset;           // unused for Cluster
  Dim dim = Dim::kN;     // unused for Cluster
  bool logical = false;  // Cluster(n, L) instead of Cluster(n, P)
  SourceLocation loc;

  static Directive Temporal(Expr size, Expr offset, Dim d);
  static Directive Spatial(Expr size, Expr offset, Dim d);
  static Directive Cluster(Expr size);
  // "TemporalMap(Sz(R),1) Y", "Cluster(8,P)": the directive in the language
  // (without the trailing ';').
  std::string ToString() const;
  bool operator==(const Directive& o) const;  // ignores `loc`
};

// "TemporalMap", "SpatialMap", "Cluster".
const char* DirectiveKindName(DirectiveKind k);

// A named directive list, top level first.
struct Dataflow {
  std::string name;
  std::vector<Directive> directives;
  SourceLocation loc;
};

// One temporal or spatial map with concrete numbers.
struct Map {
  DirectiveKind kind = DirectiveKind::kTemporalMap;  // never kCluster
  int64_t size = 1;
  int64_t offset = 1;
  Dim dim = Dim::kN;
  bool spatial() const { return kind == DirectiveKind::kSpatialMap; }
  bool operator==(const Map&) const = default;
};

// A cluster level: its maps in loop order (outermost first) and how many
// sub-units it spreads spatial maps over. Level 0 is the top.
struct ClusterLevel {
  int64_t num_units = 1;  // top: floor(num_pes / product of cluster sizes)
  std::vector<Map> maps;
  std::vector<SourceLocation> locs;  // one per map, for diagnostics
};

// What a map covers along its dim of the iteration space (exact semantics,
// docs/cost-model.md "What a mapping means"): Y/X of convolution-like
// layers in output coordinates (a Y'(s,o) map: s rows advancing by o; a
// Y(s,o) map: s - R + 1 rows advancing by o at stride 1, floor((s - R)/st)
// + 1 rows advancing by that many at stride st > 1, as MAESTRO's stride
// rewrite ignores o; R the full filter). `dim` is Y for Y', X for X'.
struct IterationTile {
  Dim dim = Dim::kN;
  int64_t size = 1;
  int64_t offset = 1;
};
IterationTile IterationTileOf(const Layer& layer, const Map& m);

// Positions a map of tile `size` advancing by `offset` visits over a dim of
// `extent` (while the previous tile did not reach the end and the tile
// starts inside the dim).
int64_t MapPositions(int64_t size, int64_t offset, int64_t extent);

// What ResolveDataflow does with a mapping that leaves points of the
// iteration space out or computes them more than once (tiles advancing by
// more or less than their size; two SpatialMaps moving together over
// independent dims): an error (the default), or a warning (MAESTRO's own
// reading, `--semantics maestro`, whose shipped files include some).
enum class CoverageCheck : uint8_t { kError, kWarning };

struct ResolveOptions {
  CoverageCheck coverage = CoverageCheck::kError;
};

struct ResolvedMapping {
  std::vector<ClusterLevel> levels;
  // Accepted but suspicious (each "file:line:col: warning: ..."), e.g. an
  // Eyeriss-style 2-D spatial level whose X tile is smaller than its S
  // tile, where MAESTRO computes negative output tiles.
  std::vector<std::string> warnings;
};

// Evaluates and validates `df` for `layer` on `hw`.
absl::StatusOr<ResolvedMapping> ResolveDataflow(
    const Dataflow& df, const Layer& layer, const Hardware& hw,
    const ResolveOptions& options = {});

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_MAPPING_H_
