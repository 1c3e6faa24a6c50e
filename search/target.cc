#include "search/target.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/dsl/parser.h"
#include "pipeline/model_run.h"

namespace maestro::search {
namespace {

std::string Stem(const std::string& path) {
  std::string s = path.substr(path.find_last_of('/') + 1);
  const size_t dot = s.rfind('.');
  return dot == std::string::npos || dot == 0 ? s : s.substr(0, dot);
}

// A `.m` layer's role: a CONV with R = S = X = 1 is fully connected (the
// frontend's form of Gemm/MatMul), as the library expects.
LayerRole RoleOf(const Layer& l) {
  const bool fc = l.type == LayerType::kConv && l.Get(Dim::kR) == 1 &&
                  l.Get(Dim::kS) == 1 && l.Get(Dim::kX) == 1;
  return fc ? LayerRole::kFullyConnected : LayerRole::kConv;
}

}  // namespace

absl::StatusOr<SearchTarget> LoadSearchTarget(
    const std::string& path, const frontend::FrontendOptions& options) {
  SearchTarget t;
  t.name = Stem(path);
  if (absl::EndsWith(path, ".m")) {
    absl::StatusOr<MappingFile> f =
        LoadMappingFile(path, {.allow_missing_dataflow = true});
    if (!f.ok()) return f.status();
    for (const MappedLayer& ml : f->layers) {
      JobLayer jl;
      jl.layer = ml.layer;
      jl.role = RoleOf(ml.layer);
      jl.node = ml.layer.name;
      t.layers.push_back(std::move(jl));
      t.own.push_back(ml.dataflow.directives.empty() || ml.dataflow_inherited
                          ? std::nullopt
                          : std::optional<Dataflow>(ml.dataflow));
    }
  } else {
    absl::StatusOr<frontend::ExtractedModel> m =
        frontend::LoadOnnxModel(path, options);
    if (!m.ok()) return m.status();
    t.layers = JobLayersFromModel(*m);
    t.uncosted = UncostedNodesFromModel(*m);
  }
  if (t.layers.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path,
                     ": no layer to search; expected a model with at least "
                     "one CONV, DSCONV or GEMM layer"));
  }
  return t;
}

absl::Status SelectLayer(SearchTarget& t, const std::string& which) {
  int64_t index = 0;
  for (size_t i = 0; i < t.layers.size(); ++i) {
    if (t.layers[i].layer.name == which) {
      t.layers = {t.layers[i]};
      if (i < t.own.size()) t.own = {t.own[i]};
      t.uncosted.clear();  // one layer asked for: the result is whole
      return absl::OkStatus();
    }
  }
  if (absl::SimpleAtoi(which, &index) && index >= 1 &&
      index <= static_cast<int64_t>(t.layers.size())) {
    t.layers = {t.layers[index - 1]};
    if (static_cast<size_t>(index) <= t.own.size()) t.own = {t.own[index - 1]};
    t.uncosted.clear();
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--layer '", which, "': no layer of ", t.name,
                   " has that name; expected a "
                   "layer name or an index 1..",
                   t.layers.size(), " (`maestro-onnx layers` lists them)"));
}

}  // namespace maestro::search
