// The emission round trip of a genome, shared by the genome tests with and
// without spread filter dims.
//
// Example:
//   search::ExpectEmissionRoundTrip(space, genome, hw);
#ifndef MAESTRO_ONNX_TESTS_SEARCH_ROUND_TRIP_TESTLIB_H_
#define MAESTRO_ONNX_TESTS_SEARCH_ROUND_TRIP_TESTLIB_H_

#include "core/hardware.h"
#include "search/genome.h"

namespace maestro::search {

// The genome's `.m` text (MAESTRO's grammar only), parsed and resolved on
// `hw`, equals ToResolved; FromResolved of that gives the genome back
// (canonically).
void ExpectEmissionRoundTrip(const SearchSpace& s, const Genome& g,
                             const Hardware& hw);

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_TESTS_SEARCH_ROUND_TRIP_TESTLIB_H_
