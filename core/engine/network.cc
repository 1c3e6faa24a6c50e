#include "core/engine/network.h"

#include <map>

#include "absl/strings/str_cat.h"

namespace maestro {

std::vector<bool> TensorBatchFlags(const MappingFile& file,
                                   Semantics semantics) {
  std::vector<bool> out;
  std::map<LayerType, bool> first;
  for (const MappedLayer& ml : file.layers) {
    const bool own = ml.layer.Has(Dim::kN);
    if (semantics == Semantics::kMaestro) {
      out.push_back(first.emplace(ml.layer.type, own).first->second);
    } else {
      out.push_back(own);
    }
  }
  return out;
}

absl::StatusOr<LayerResult> AnalyzeMappedLayer(const MappingFile& file,
                                               size_t i, const Hardware& hw,
                                               const AnalysisOptions& options,
                                               const std::vector<bool>& batch) {
  const MappedLayer& ml = file.layers[i];
  // MAESTRO's reading accepts maps that compute points twice or leave
  // them out (some of its shipped files): a warning under its semantics.
  ResolveOptions ro;
  if (options.semantics == Semantics::kMaestro) {
    ro.coverage = CoverageCheck::kWarning;
  }
  absl::StatusOr<ResolvedMapping> m =
      ResolveDataflow(ml.dataflow, ml.layer, hw, ro);
  if (!m.ok()) return m.status();
  AnalysisOptions o = options;
  if (i < batch.size()) o.tensors_have_batch = batch[i];
  return AnalyzeLayer(ml.layer, *m, hw, o);
}

absl::StatusOr<NetworkResult> AnalyzeMappingFile(
    const MappingFile& file, const Hardware& hw,
    const AnalysisOptions& options) {
  NetworkResult net;
  net.name = file.network_name;
  const std::vector<bool> batch = TensorBatchFlags(file, options.semantics);
  net.layers.reserve(file.layers.size());
  for (size_t i = 0; i < file.layers.size(); ++i) {
    absl::StatusOr<LayerResult> r =
        AnalyzeMappedLayer(file, i, hw, options, batch);
    if (!r.ok()) return r.status();
    net.layers.push_back(*std::move(r));
  }
  if (!file.layers.empty()) {
    net.dataflow = file.layers.front().dataflow.name;
  }
  ComputeTotals(hw, net);
  return net;
}

}  // namespace maestro
