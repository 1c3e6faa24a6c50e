#include "frontend/op_categories.h"

#include <string>
#include <unordered_map>

namespace maestro::frontend {

namespace {

const std::unordered_map<std::string, std::string>& Categories() {
  static const auto* m = [] {
    auto* c = new std::unordered_map<std::string, std::string>();
    auto add = [&](const char* cat, std::initializer_list<const char*> ops) {
      for (const char* op : ops) (*c)[op] = cat;
    };
    add("elementwise", {"Relu",        "LeakyRelu",
                        "PRelu",       "Sigmoid",
                        "Tanh",        "HardSigmoid",
                        "HardSwish",   "Clip",
                        "Elu",         "Selu",
                        "Celu",        "Gelu",
                        "Erf",         "Exp",
                        "Log",         "Softplus",
                        "Softsign",    "Neg",
                        "Abs",         "Sqrt",
                        "Reciprocal",  "Floor",
                        "Ceil",        "Round",
                        "Sin",         "Cos",
                        "Tan",         "Atan",
                        "Asin",        "Acos",
                        "Sinh",        "Cosh",
                        "Asinh",       "Acosh",
                        "Atanh",       "Sign",
                        "Mish",        "ThresholdedRelu",
                        "Shrink",      "Add",
                        "Sub",         "Mul",
                        "Div",         "Pow",
                        "Mod",         "Min",
                        "Max",         "Sum",
                        "Mean",        "Equal",
                        "Less",        "Greater",
                        "LessOrEqual", "GreaterOrEqual",
                        "And",         "Or",
                        "Xor",         "Not",
                        "BitShift",    "Where",
                        "Cast",        "CastLike",
                        "IsNaN",       "IsInf",
                        "BitwiseAnd",  "BitwiseOr",
                        "BitwiseXor",  "BitwiseNot",
                        "Relu6"});
    add("pooling", {"MaxPool", "AveragePool", "LpPool", "GlobalAveragePool",
                    "GlobalMaxPool", "GlobalLpPool", "MaxRoiPool", "RoiAlign",
                    "MaxUnpool"});
    add("normalization",
        {"BatchNormalization", "InstanceNormalization", "LayerNormalization",
         "GroupNormalization", "LRN", "LpNormalization",
         "MeanVarianceNormalization", "Softmax", "LogSoftmax", "Hardmax"});
    add("data movement", {"Reshape",
                          "Flatten",
                          "Transpose",
                          "Squeeze",
                          "Unsqueeze",
                          "Concat",
                          "Split",
                          "Slice",
                          "Gather",
                          "GatherElements",
                          "GatherND",
                          "Pad",
                          "Resize",
                          "Upsample",
                          "Expand",
                          "Tile",
                          "Identity",
                          "DepthToSpace",
                          "SpaceToDepth",
                          "Dropout",
                          "ScatterND",
                          "ScatterElements",
                          "Scatter",
                          "Compress",
                          "ReverseSequence",
                          "Trilu",
                          "CumSum",
                          "OneHot",
                          "SplitToSequence",
                          "ConcatFromSequence",
                          "SequenceAt",
                          "SequenceConstruct",
                          "SequenceInsert",
                          "SequenceLength",
                          "SequenceEmpty",
                          "SequenceErase",
                          "Optional",
                          "OptionalGetElement",
                          "OptionalHasElement",
                          "GridSample",
                          "CenterCropPad"});
    add("reduction", {"ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin",
                      "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum",
                      "ReduceLogSumExp", "ReduceSumSquare", "ArgMax", "ArgMin",
                      "TopK", "NonZero", "Unique", "NonMaxSuppression"});
    add("quantization",
        {"QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear"});
    add("constant",
        {"Constant", "ConstantOfShape", "Shape", "Size", "Range",
         "RandomNormal", "RandomUniform", "RandomNormalLike",
         "RandomUniformLike", "EyeLike", "Bernoulli", "Multinomial"});
    add("control flow", {"If", "Loop", "Scan"});
    return c;
  }();
  return *m;
}

}  // namespace

std::string OpCategory(const std::string& op) {
  auto it = Categories().find(op);
  return it == Categories().end() ? "other (no MACs)" : it->second;
}

std::string UnsupportedReason(const std::string& op) {
  static const auto* m = new std::unordered_map<std::string, std::string>{
      {"Einsum",
       "tensor contraction: not mapped to a GEMM (equation not "
       "analysed)"},
      {"DeformConv",
       "deformable convolution: data-dependent sampling has no "
       "MAESTRO form (macs_estimate: its MACs as a conv)"},
      {"Col2Im", "col2im: not a MAESTRO layer"},
      {"DFT", "DFT: MACs not modelled"},
      {"STFT", "STFT: MACs not modelled"},
  };
  auto it = m->find(op);
  return it == m->end() ? std::string() : it->second;
}

}  // namespace maestro::frontend
