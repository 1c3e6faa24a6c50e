// The dense convolutions an accelerator runs for one spatial dim of a
// dilated convolution or a ConvTranspose, with exact edges and no zero taps.
//
// A dilated conv (stride s, dilation d) reads, for output y, the padded rows
// y*s + j*d (j < kernel). Grouping the outputs by r = (y*s) mod d gives
// d/gcd(s,d) classes; each is a dense conv with the same kernel and stride
// s/gcd(s,d) over the rows r, r+d, r+2d, ... that its outputs read.
//
// A ConvTranspose (stride s, dilation d, begin pad p) in gather form: output
// o receives input row i through tap j when i*s + j*d = o + p; the outputs of
// one phase (o + p) mod s share the taps j they use, a dense stride-1 conv
// over the input (rows outside the input count as padding, as in a padded
// conv). With d > 1 each phase is a dilated stride-1 conv, split again.
//
// Example:
//   std::vector<PhaseClass> c = DilatedConvClasses(3, 1, 2, 10);
//   // 2 classes: outputs 0,2,4,6,8 and 1,3,5,7,9, kernel 3, stride 1
//   std::vector<DenseSegment> s = Segments(c);  // merged: one, count 2
#ifndef MAESTRO_ONNX_FRONTEND_CONV_PHASES_H_
#define MAESTRO_ONNX_FRONTEND_CONV_PHASES_H_

#include <cstdint>
#include <vector>

namespace maestro::frontend {

// Outputs first_output + i*output_step (i < outputs), each reading `kernel`
// rows: output i's tap m reads row first_row + i*row_step + m*tap_step
// (padded input coordinates for a conv, input coordinates for a
// ConvTranspose, where rows outside [0, input) are padding).
struct PhaseClass {
  int64_t first_output = 0, output_step = 1, outputs = 0;
  int64_t kernel = 0;
  int64_t first_row = 0, row_step = 1, tap_step = 1;
};

// One dense 1-D conv: `extent` rows (padding included), `kernel` taps,
// `stride`, `outputs` outputs; `count` identical ones merged.
struct DenseSegment {
  int64_t extent = 1, stride = 1, kernel = 1, outputs = 1, count = 1;
  bool operator==(const DenseSegment& o) const {
    return extent == o.extent && stride == o.stride && kernel == o.kernel &&
           outputs == o.outputs;
  }
};

// Classes of a conv with `outputs` outputs along one dim (classes with no
// output left out).
std::vector<PhaseClass> DilatedConvClasses(int64_t kernel, int64_t stride,
                                           int64_t dilation, int64_t outputs);

// Classes of a ConvTranspose along one dim; outputs whose phase has no tap
// (they receive only the bias) belong to no class.
std::vector<PhaseClass> TransposedConvClasses(int64_t kernel, int64_t stride,
                                              int64_t dilation,
                                              int64_t pad_begin,
                                              int64_t outputs);

// Each class as a dense conv over its rows (stride row_step / tap_step,
// extent (outputs-1)*stride + kernel), identical ones merged (first
// occurrence order).
std::vector<DenseSegment> Segments(const std::vector<PhaseClass>& classes);

// Sum of kernel * outputs * count.
int64_t SegmentMacs(const std::vector<DenseSegment>& segments);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_CONV_PHASES_H_
