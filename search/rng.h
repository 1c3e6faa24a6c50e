// Counter-based random numbers for the search: every random decision comes
// from a SplitMix64 stream keyed by (seed, layer key, generation, slot,
// operator), so a candidate does not depend on which thread built it or on
// what other slots drew.
//
// Example:
//   Rng r = Rng::For(seed, layer_key, generation, slot, Op::kMutateTile);
//   int64_t t = r.Uniform(1, parent_tile);   // inclusive
//   bool fire = r.Chance(0.53);
#ifndef MAESTRO_ONNX_SEARCH_RNG_H_
#define MAESTRO_ONNX_SEARCH_RNG_H_

#include <cstdint>

namespace maestro::search {

// SplitMix64's finaliser: a bijective 64-bit mix.
inline uint64_t Mix64(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Which decision a stream serves (part of the key).
enum class Op : uint32_t {
  kInit = 1,
  kSelect,
  kCrossover,
  kMutateTile,
  kReorder,
  kGrowAge,
  kMutatePar,
  kMutateCluster,
  kRandom,
  kFill,
};

class Rng {
 public:
  explicit Rng(uint64_t state) : state_(state) {}
  static Rng For(uint64_t seed, uint64_t layer_key, uint64_t generation,
                 uint64_t slot, Op op) {
    uint64_t h = Mix64(seed);
    h = Mix64(h ^ layer_key);
    h = Mix64(h ^ generation);
    h = Mix64(h ^ slot);
    return Rng(Mix64(h ^ static_cast<uint64_t>(op)));
  }

  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi] (inclusive; lo <= hi). The modulo bias is below
  // 2^-40 for the ranges a genome uses.
  int64_t Uniform(int64_t lo, int64_t hi) {
    const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    return lo + static_cast<int64_t>(Next() % span);
  }
  // True with probability p (53-bit resolution).
  bool Chance(double p) {
    return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p;
  }

 private:
  uint64_t state_;
};

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_RNG_H_
