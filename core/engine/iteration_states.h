// Iteration states of one directive: Init, Steady (repeated) and Edge, with
// their occurrence counts (cost-model.md, "Iteration states").
//
// Example:
//   engine::DirectiveStates st = engine::StatesOf(/*spatial=*/false,
//       /*size=*/3, /*offset=*/1, /*dim_size=*/10, /*units=*/4);
//   // st.n == 2: Init x1, Steady x7
#ifndef MAESTRO_ONNX_CORE_ENGINE_ITERATION_STATES_H_
#define MAESTRO_ONNX_CORE_ENGINE_ITERATION_STATES_H_

#include <cstdint>

namespace maestro::engine {

enum class Pos : uint8_t { kInit, kSteady, kEdge };

// (No default member initializers: the case loop keeps an array of
// DirectiveStates that StatesOf fills; aggregate initialization zeroes
// omitted members.)
struct IterState {
  Pos pos;
  int64_t occ;
  bool unrolled;   // Init covers the whole dim
  bool init_edge;  // Init with the dim smaller than the tile/coverage
  bool edge_edge;  // spatial: the last active unit is partial
  bool edge() const { return pos == Pos::kEdge || init_edge; }
  // Everything a case's volumes read of the state (not `occ`), in 5 bits.
  uint64_t Code() const {
    return static_cast<uint64_t>(pos) | uint64_t{unrolled} << 2 |
           uint64_t{init_edge} << 3 | uint64_t{edge_edge} << 4;
  }
};

struct DirectiveStates {
  int n;
  IterState s[3];
};

// States of a directive of tile `size`, step `offset` over `dim_size`
// indices spread over `units` sub-units (spatial) or in time (temporal).
DirectiveStates StatesOf(bool spatial, int64_t size, int64_t offset,
                         int64_t dim_size, int64_t units);

}  // namespace maestro::engine

#endif  // MAESTRO_ONNX_CORE_ENGINE_ITERATION_STATES_H_
