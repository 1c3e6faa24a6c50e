// One MAC layer extracted from an ONNX node, with the frontend-level detail
// the MAESTRO `Layer` does not carry (unpadded extents, pads, dilations,
// the ONNX op, whether it sits in a conditional subgraph), and the coverage
// verdict given to every node that is not a MAC layer.
//
// A node is costed as one or more MAESTRO layers, its `parts`: the phase
// convolutions of a dilated or transposed conv, the input and recurrent
// GEMMs of an LSTM, the products of a fused attention. Under the default
// (exact) form the parts' MACs sum to the node's true count.
//
// Example:
//   const ExtractedLayer& l = model.layers[0];
//   l.kind;             // "conv", "dwconv", "grouped", "convtranspose", ...
//   l.parts[0].layer;   // MAESTRO form: padded Y/X, DSCONV with K=1, ...
//   l.parts[0].part;    // "" when the node is one layer, else "phase0", ...
//   l.macs;             // true MACs of the node (all groups, whole batch)
//   l.maestro_macs;     // sum of AnalyticMacs(part) * part.repeat
#ifndef MAESTRO_ONNX_FRONTEND_EXTRACTED_LAYER_H_
#define MAESTRO_ONNX_FRONTEND_EXTRACTED_LAYER_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/layer.h"

namespace maestro::frontend {

// One MAESTRO layer costing (a part of) a node.
struct LayerPart {
  // "" when the node is one layer (then layer.name is the node's name);
  // else a label unique within the node, layer.name = "<node>#<part>".
  std::string part;
  Layer layer;  // MAESTRO form (name, loc.onnx_node/onnx_op/file, repeat)
};

// How dilated convolutions and ConvTranspose are costed (--conv-form).
enum class ConvForm : uint8_t {
  kExact,    // dense phase convolutions: costed MACs = true MACs
  kMaestro,  // one layer: effective kernel / zero-inserted input (MAESTRO's
             // view, zero taps costed as MACs)
};

struct ExtractedLayer {
  std::vector<LayerPart> parts;  // at least one

  std::string name;          // unique layer name (ONNX node name, deduplicated)
  std::string op;            // ONNX op type: Conv, Gemm, MatMul, QLinearConv...
  std::string subgraph;      // "" at top level, else "IfNode/then_branch" ...
  bool conditional = false;  // inside an If/Loop/Scan body not inlined
  std::string input, weight, output;  // tensor names
  std::vector<int64_t> input_shape, weight_shape, output_shape;

  // "conv", "dwconv", "grouped", "convtranspose", "gemm" (a weight or 2-D
  // operand), "matmul" (two activations, batched), "recurrent" (LSTM, GRU,
  // RNN) or "attention" (fused attention).
  std::string kind;
  int64_t N = 1, K = 1, C = 1, C_total = 1, G = 1, R = 1, S = 1;
  int64_t Y = 1, X = 1, Yp = 1, Xp = 1, Yo = 1, Xo = 1;
  std::array<int64_t, 2> stride{1, 1};
  std::array<int64_t, 4> pads{0, 0, 0, 0};  // ONNX order: y0, x0, y1, x1
  std::array<int64_t, 2> dilation{1, 1};
  std::array<int64_t, 2> output_padding{0, 0};  // ConvTranspose only
  std::string auto_pad = "NOTSET";
  int spatial_dims = 2;
  // GEMM view (Gemm/MatMul): batch B, output rows M, reduction K, columns N.
  bool is_gemm = false;
  int64_t gemm_b = 1, gemm_m = 1, gemm_k = 1, gemm_n = 1;
  int trans_a = 0, trans_b = 0;
  std::vector<int64_t> batch_dims;  // MatMul of two activations
  std::string weight_operand;       // "A", "B" or "" (MatMul)
  int64_t channel_multiplier = 1;   // depthwise with K = m*C

  int64_t macs = 0;          // true MACs (every group, batch and head)
  int64_t maestro_macs = 0;  // sum over parts of AnalyticMacs * repeat
  std::string note;          // how the MAESTRO form was chosen, if not plain
};

enum class Verdict : uint8_t {
  kNotMacLayer,   // elementwise, pooling, normalization, data movement...
  kShapeFolded,   // a shape computation folded to a constant
  kNotSupported,  // would need MACs or is unknown: see `reason`
};

struct CoverageEntry {
  std::string node;  // unique node name
  std::string op;    // ONNX op type (domain-qualified when not ai.onnx)
  std::string subgraph;
  Verdict verdict = Verdict::kNotMacLayer;
  std::string category;  // "elementwise", "pooling", "normalization", ...
  std::string reason;    // for kNotSupported
  std::vector<std::vector<int64_t>> input_shapes, output_shapes;
  int64_t output_elements = -1;  // -1 when unknown
  // kNotSupported nodes that would do MACs: their MAC count where the shapes
  // are known (an estimate for ops not costed), -1 when unknown or none.
  int64_t macs_estimate = -1;
};

// "not a MAC layer", "folded", "not supported".
const char* VerdictName(Verdict v);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_EXTRACTED_LAYER_H_
