// `--flex DATAFLOW:AXES` (design R7): search only the named axes of a
// library dataflow. The dataflow's exact genome on the layer is the base;
// every candidate keeps the base's levels, spatial dims and clusters, and
// its tiles and/or loop orders unless named. E.g. `nvdla:tile` sizes
// nvdla's tiles to the hardware's buffers, `nvdla:tile,order` also
// reorders its loops.
//
// Example:
//   absl::StatusOr<Flex> f = ParseFlex("nvdla:tile,order");
//   ApplyFlex(*f, space, base, candidate);  // frozen genes from base
#ifndef MAESTRO_ONNX_SEARCH_FLEX_H_
#define MAESTRO_ONNX_SEARCH_FLEX_H_

#include <string>

#include "absl/status/statusor.h"
#include "search/genome.h"

namespace maestro::search {

struct Flex {
  std::string dataflow;  // "" = no --flex
  bool tile = false;     // tiles searched
  bool order = false;    // loop orders searched
  bool active() const { return !dataflow.empty(); }
  std::string Text() const;  // "nvdla:tile,order", "" when inactive
};

// DATAFLOW:AXES with AXES a comma list of tile and order; DATAFLOW is
// checked against the library by the caller.
absl::StatusOr<Flex> ParseFlex(const std::string& text);

// g takes base's levels, spatial dims (and pairs), clusters, and its tiles
// (a spread filter dim's too) / orders where not searched; then Repair.
void ApplyFlex(const Flex& f, const SearchSpace& s, const Genome& base,
               Genome& g);

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_FLEX_H_
