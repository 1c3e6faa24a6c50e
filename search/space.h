// The size of a layer's mapping space (raw and canonical) and an
// enumerator of its genomes, for `search --count`, `--strategy exhaustive`
// and the counting tests. See docs/search.md "Size".
//
// Example:
//   SpaceSize z = CountSpace(space, /*levels=*/2);
//   z.raw;         // prod_d C(D_d+L-1, L) * (n! * n)^L * |C|^(L-1) (any tiles)
//   z.canonical;   // distinct canonical genomes with valid clusters
//   EnumerateGenomes(space, 2, /*raw=*/false, [&](const Genome& g) {
//     ...; return true;  // false stops
//   });
#ifndef MAESTRO_ONNX_SEARCH_SPACE_H_
#define MAESTRO_ONNX_SEARCH_SPACE_H_

#include <functional>
#include <string>

#include "search/genome.h"

namespace maestro::search {

struct SpaceSize {
  long double raw = 0;        // every gene combination, valid or not
  long double canonical = 0;  // canonical genomes with clusters <= num_pes
};

// Exactly `levels` cluster levels.
SpaceSize CountSpace(const SearchSpace& s, int levels);
// Levels 1..s.max_levels summed.
SpaceSize CountSpaceAllLevels(const SearchSpace& s);

// Calls fn on every genome with exactly `levels` levels: raw = every order
// permutation and every cluster tuple (the raw count); otherwise canonical
// genomes only (iterating dims permuted, the rest in fixed order) with valid
// clusters (the canonical count). Stops when fn returns false; returns
// whether it ran to the end.
bool EnumerateGenomes(const SearchSpace& s, int levels, bool raw,
                      const std::function<bool(const Genome&)>& fn);

// An exact integer below 2^63, else "5.60e+24".
std::string FormatCount(long double v);

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_SPACE_H_
