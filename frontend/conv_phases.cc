#include "frontend/conv_phases.h"

#include <numeric>

namespace maestro::frontend {

namespace {

// Remainder in [0, m) for any sign of a.
int64_t Mod(int64_t a, int64_t m) { return ((a % m) + m) % m; }

// Elements of {first, first + step, ...} below `end`.
int64_t CountBelow(int64_t first, int64_t step, int64_t end) {
  return first < end ? (end - 1 - first) / step + 1 : 0;
}

}  // namespace

std::vector<PhaseClass> DilatedConvClasses(int64_t kernel, int64_t stride,
                                           int64_t dilation, int64_t outputs) {
  // Output y's class is y mod (d/g): y and y + d/g start at rows congruent
  // mod d, and s/g is coprime with d/g, so the d/g residues are distinct.
  const int64_t classes = dilation / std::gcd(stride, dilation);
  std::vector<PhaseClass> out;
  for (int64_t c = 0; c < classes; ++c) {
    PhaseClass p;
    p.first_output = c;
    p.output_step = classes;
    p.outputs = CountBelow(c, classes, outputs);
    if (p.outputs == 0) continue;
    p.kernel = kernel;
    p.first_row = c * stride;
    p.row_step = classes * stride;
    p.tap_step = dilation;
    out.push_back(p);
  }
  return out;
}

std::vector<PhaseClass> TransposedConvClasses(int64_t kernel, int64_t stride,
                                              int64_t dilation,
                                              int64_t pad_begin,
                                              int64_t outputs) {
  const int64_t g = std::gcd(stride, dilation);
  const int64_t sg = stride / g, dg = dilation / g;
  std::vector<PhaseClass> out;
  for (int64_t q = 0; q < stride; q += g) {
    // Taps j with j*d = q (mod s): j = j0 + m*(s/g).
    int64_t j0 = 0;
    while (j0 < sg && Mod(j0 * dilation, stride) != q) ++j0;
    const int64_t taps = j0 < kernel ? (kernel - j0 + sg - 1) / sg : 0;
    const int64_t o0 = Mod(q - pad_begin, stride);
    const int64_t n = CountBelow(o0, stride, outputs);
    if (taps == 0 || n == 0) continue;
    // Output o0 + t*s reads rows u - m*(d/g), u = u0 + t.
    const int64_t u0 = (o0 + pad_begin - j0 * dilation) / stride;
    for (int64_t r = 0; r < dg; ++r) {
      const int64_t t0 = Mod(r - u0, dg);
      PhaseClass p;
      p.outputs = CountBelow(t0, dg, n);
      if (p.outputs == 0) continue;
      p.first_output = o0 + t0 * stride;
      p.output_step = stride * dg;
      p.kernel = taps;
      p.first_row = u0 + t0 - (taps - 1) * dg;
      p.row_step = dg;
      p.tap_step = dg;
      out.push_back(p);
    }
  }
  return out;
}

std::vector<DenseSegment> Segments(const std::vector<PhaseClass>& classes) {
  std::vector<DenseSegment> out;
  for (const PhaseClass& c : classes) {
    DenseSegment s;
    s.stride = c.row_step / c.tap_step;
    s.kernel = c.kernel;
    s.outputs = c.outputs;
    s.extent = (c.outputs - 1) * s.stride + c.kernel;
    bool merged = false;
    for (DenseSegment& e : out) {
      if (e == s) {
        ++e.count;
        merged = true;
        break;
      }
    }
    if (!merged) out.push_back(s);
  }
  return out;
}

int64_t SegmentMacs(const std::vector<DenseSegment>& segments) {
  int64_t macs = 0;
  for (const DenseSegment& s : segments) macs += s.kernel * s.outputs * s.count;
  return macs;
}

}  // namespace maestro::frontend
