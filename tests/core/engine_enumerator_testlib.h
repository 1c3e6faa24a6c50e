// Ground truth for exact semantics: walks a tiny layer's mapping iteration
// by iteration — every cluster level, every step of its loop nest, every
// sub-unit — with explicit sets of tensor elements, independently of the
// engine's case analysis.
//
// Example:
//   absl::StatusOr<test::Enumerated> e = test::EnumerateMapping(layer, m);
//   e->macs;          // MACs executed (every PE, every step)
//   e->l2_read[0];    // input elements read from the top-level buffer
//
// What the walk counts (docs/cost-model.md, "Exact semantics"):
// - A directive is a loop over positions p = 0, 1, ... of tile [p·o, p·o+t)
//   clipped to the dim, while the previous tile did not reach the end; a
//   SpatialMap gives position f·N + u to unit u in fold f (units past the
//   last position are idle). Y/X are in output coordinates: a Y' map (s, o)
//   is s output rows advancing by o; a Y map (s, o) is s - R + 1 rows
//   advancing by o at stride 1, floor((s - R)/st) + 1 rows advancing by
//   that many at stride st > 1. Dims without a map are whole. A level's
//   loop nest runs once for every step of its parent, over the parent
//   unit's tile.
// - A sub-unit at a step needs the elements its MACs read (input rows
//   y·st + r). It holds what it needed at the level's previous step if it
//   was active then (a unit keeps its previous tile; an idle unit and the
//   first step of a run hold nothing). Delivered = needed − held.
// - Reads from the level's buffer at a step = |∪ over units of delivered|
//   (an element several units need in the same step is read once:
//   multicast / neighbour overlap). Writes into a sub-unit's buffer = its
//   delivered elements. Outputs sent up at a step = |∪ over units of the
//   outputs they computed| (every step; partial sums of the same output
//   from several units are reduced on the way, sent once).
#ifndef MAESTRO_ONNX_TESTS_CORE_ENGINE_ENUMERATOR_TESTLIB_H_
#define MAESTRO_ONNX_TESTS_CORE_ENGINE_ENUMERATOR_TESTLIB_H_

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/hardware.h"
#include "core/layer.h"
#include "core/mapping.h"

namespace maestro::test {

struct Enumerated {
  int64_t macs = 0;
  // How many times each point of the iteration space (output × reduction)
  // was computed: min and max over all points.
  int64_t min_point = 0, max_point = 0;
  std::array<int64_t, 2> l2_read{};   // top level: input, filter reads
  int64_t output_l2_write = 0;        // top level: outputs sent up
  std::array<int64_t, 2> l1_write{};  // input, filter written into PEs
  std::array<int64_t, 3> pe_need{};   // max elements a PE needs in a step
  std::vector<int64_t> macs_per_pe;   // indexed by PE (levels flattened)
  int64_t leaf_steps = 0;             // PE-steps walked
};

// Errors on layers or mappings the walk does not cover (tiles of no output,
// dims over 127).
absl::StatusOr<Enumerated> EnumerateMapping(const Layer& layer,
                                            const ResolvedMapping& mapping);

// A random tiny layer (CONV, DSCONV or GEMM; strides 1-3, kernels 1-4) and a
// random mapping of 1-3 cluster levels (Y/X as Y or Y' maps, tiles up to one
// past the parent's tile, explicit or implicit whole R) with one SpatialMap
// per level, or sometimes two (`one_spatial` false). `big`: dims and arrays
// about 3x larger.
struct Case {
  Layer layer;
  ResolvedMapping mapping;
  Hardware hw;
};
// `partial_filter`: one level tiles R (or S) partially (see
// AddPartialFilter in the .cc). `any_offset`: map offsets 1 .. tile + 1
// (overlapping tiles compute points twice, gaps leave points out).
// `broad`: besides, partial R/S SpatialMaps of any tile (narrower than the
// stride too) at any levels, Y/X maps beside them in input coordinates as
// well as Y'/X', and now and then any offset: what a user may write, valid
// or not (ResolveDataflow decides; see ToDataflow).
Case RandomCase(std::mt19937& rng, bool big, bool one_spatial = false,
                bool partial_filter = false, bool any_offset = false,
                bool broad = false);
// The mapping as the directive list it resolves from (constants; a
// Cluster(n) before every level below the top), for ResolveDataflow.
Dataflow ToDataflow(const ResolvedMapping& m);
std::string Describe(const Case& c);

}  // namespace maestro::test

#endif  // MAESTRO_ONNX_TESTS_CORE_ENGINE_ENUMERATOR_TESTLIB_H_
