// Helpers shared by the layer extractors (layer_extractor.cc,
// conv_extractor.cc, recurrent_extractor.cc): operand access, coverage
// entries, the common fields of an ExtractedLayer and its final checks.
//
// Example:
//   ExtractedLayer l = BaseLayer(info, 0, 1);
//   l.parts = {SinglePart(info, gemm_layer)};
//   l.macs = CheckedProduct({m, k, n});
//   return FinishLayer(info, &l, model);
#ifndef MAESTRO_ONNX_FRONTEND_EXTRACTOR_UTIL_H_
#define MAESTRO_ONNX_FRONTEND_EXTRACTOR_UTIL_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "frontend/extracted_layer.h"
#include "frontend/layer_extractor.h"

namespace maestro::frontend {

// Input i of the node, or an unknown value when absent.
const ValueState& In(const NodeInfo& info, size_t i);

// Product of v[from..to), or -1 beyond kMaxElements.
int64_t Prod(const std::vector<int64_t>& v, size_t from, size_t to);

// Product of non-negative factors, or -1 when one is negative or the
// product exceeds kMaxElements.
int64_t CheckedProduct(std::initializer_list<int64_t> factors);

CoverageEntry Coverage(const NodeInfo& info, Verdict verdict,
                       std::string category, std::string reason);

// Name, op, tensors and shapes of the node; no parts yet.
ExtractedLayer BaseLayer(const NodeInfo& info, int x_index, int w_index);

// A Layer carrying the node's location (name = the node's unique name).
Layer LocatedLayer(const NodeInfo& info);

// Appends "; text" (or "text" when empty) to a note.
void AddNote(std::string* note, const std::string& text);

// Names the parts (plain node name for one part, "<node>#<part>" else),
// checks sizes against overflow, sets maestro_macs and, unless
// `exact_may_differ`, checks that the parts' MACs equal `macs` (an internal
// error otherwise), then appends the layer to the model.
absl::Status FinishLayer(const NodeInfo& info, ExtractedLayer* l,
                         ExtractedModel* model, bool exact_may_differ = false);

// The extractors of conv_extractor.cc and recurrent_extractor.cc.
absl::Status ExtractConv(const NodeInfo& info, ExtractedModel* model,
                         std::vector<Unresolved>* unresolved);
absl::Status ExtractRecurrent(const NodeInfo& info, ExtractedModel* model,
                              std::vector<Unresolved>* unresolved);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_EXTRACTOR_UTIL_H_
