// Shape functions for ops ONNX 1.12 has no schema for: ONNX Runtime's
// com.microsoft contrib ops that ORT-optimized and ORT-quantized models
// carry (Attention, MultiHeadAttention, SkipLayerNormalization, BiasGelu,
// FastGelu, DynamicQuantizeMatMul, MatMulIntegerToFloat, QGemm, ...) and
// ai.onnx ops newer than opset 17 (Attention-23, CenterCropPad-18).
// Without them every layer downstream would have unknown shapes.
//
// Example:
//   std::vector<ValueState> out;
//   if (InferExtraOpShapes(node, inputs, opset, &out)) { /* handled */ }
#ifndef MAESTRO_ONNX_FRONTEND_EXTRA_OP_SHAPES_H_
#define MAESTRO_ONNX_FRONTEND_EXTRA_OP_SHAPES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "frontend/value_state.h"
#include "onnx/onnx_pb.h"

namespace maestro::frontend {

// Fills one state per node output and returns true when the op (by domain
// and type) is one of those above; false otherwise.
bool InferExtraOpShapes(const onnx::NodeProto& node,
                        const std::vector<const ValueState*>& inputs, int opset,
                        std::vector<ValueState>* outputs);

// The coverage category ("elementwise", "normalization", ...) of a
// com.microsoft contrib op without MACs that has a shape function here, or
// nullptr for any other op.
const char* ContribOpCategory(const std::string& op_type);

// The dims of an attention op's operands, shared by its shape function and
// its layers. Q is [batch, heads, seq, head_size] (4-D forms) or
// [batch, seq, hidden] (3-D forms, split into `q_heads` heads).
struct AttentionDims {
  int64_t batch = -1, q_heads = -1, kv_heads = -1;
  int64_t q_seq = -1, kv_seq = -1;  // kv_seq includes past keys
  int64_t head = -1, v_head = -1;   // per-head sizes of Q/K and V
  int64_t hidden_in = -1;           // com.microsoft.Attention: input width
  int64_t qkv_width = -1;           // its packed Q,K,V projection width
  bool four_d = false;              // output [B, heads, S, v_head]
  bool Known() const;
};

// For ai.onnx Attention (opset 23), com.microsoft Attention and
// MultiHeadAttention; false when the op is not one of them or its operand
// ranks do not fit.
bool AttentionOperandDims(const onnx::NodeProto& node,
                          const std::vector<const ValueState*>& inputs,
                          AttentionDims* d);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_EXTRA_OP_SHAPES_H_
