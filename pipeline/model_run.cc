#include "pipeline/model_run.h"

#include <chrono>
#include <filesystem>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace maestro {

namespace {

int64_t Elements(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0) return -1;
    n *= d;
  }
  return n;
}

// The node's ONNX tensors, each element once, for a conv the frontend
// decomposed (several parts, or one part repeated over depth slices or
// phases); -1 for every other node (its analyses' own counts are right).
int64_t DecomposedConvOffchipMin(const frontend::ExtractedLayer& e) {
  const bool conv = e.kind == "conv" || e.kind == "dwconv" ||
                    e.kind == "grouped" || e.kind == "convtranspose";
  const bool decomposed = e.parts.size() > 1 || e.spatial_dims > 2 ||
                          e.kind == "convtranspose" || e.dilation[0] > 1 ||
                          e.dilation[1] > 1;
  if (!conv || !decomposed) return -1;
  const int64_t in = Elements(e.input_shape), w = Elements(e.weight_shape),
                out = Elements(e.output_shape);
  if (in < 0 || w < 0 || out < 0) return -1;
  return in + w + out;
}

}  // namespace

std::vector<JobLayer> JobLayersFromModel(const frontend::ExtractedModel& m) {
  std::vector<JobLayer> out;
  out.reserve(m.layers.size());
  for (const frontend::ExtractedLayer& e : m.layers) {
    if (e.conditional) continue;
    const bool conv_like = e.kind != "gemm" && e.kind != "matmul" &&
                           e.kind != "recurrent" && e.kind != "attention";
    const int64_t node_min = DecomposedConvOffchipMin(e);
    for (const frontend::LayerPart& p : e.parts) {
      JobLayer j;
      if (node_min >= 0) j.offchip_min = &p == &e.parts.front() ? node_min : 0;
      j.layer = p.layer;
      j.kind = e.kind;
      j.node = e.name;
      j.part = p.part;
      j.role = conv_like ? LayerRole::kConv : LayerRole::kFullyConnected;
      out.push_back(std::move(j));
    }
  }
  return out;
}

std::vector<UncostedNode> UncostedNodesFromModel(
    const frontend::ExtractedModel& m) {
  std::vector<UncostedNode> out;
  for (const frontend::CoverageEntry& c : m.coverage) {
    if (c.verdict != frontend::Verdict::kNotSupported) continue;
    out.push_back({c.node, c.op, c.reason, c.macs_estimate});
  }
  // Conditional layers: one entry per node (its parts are costed together).
  for (const frontend::ExtractedLayer& e : m.layers) {
    if (!e.conditional) continue;
    out.push_back(
        {e.name, e.op,
         absl::StrCat("conditional: in ", e.subgraph,
                      ", not inlined as its condition is not known before "
                      "run time (pin the inputs it depends on with "
                      "--input-value/--input-shape if they decide it)"),
         e.macs});
  }
  return out;
}

std::string UncostedSummary(const std::vector<UncostedNode>& uncosted) {
  if (uncosted.empty()) return "";
  const UncostedNode& u = uncosted.front();
  return absl::StrCat(uncosted.size(),
                      " MAC-bearing nodes have no layer (the frontend does "
                      "not cost them; first: ",
                      u.node, " (", u.op, "): ", u.reason, ")");
}

absl::StatusOr<ModelRun> RunModel(
    const std::string& path, const frontend::FrontendOptions& frontend_options,
    const std::vector<DataflowLibraryFile>& dataflows, const Hardware& hw,
    const JobOptions& options) {
  using Clock = std::chrono::steady_clock;
  ModelRun run;
  run.path = path;
  run.name = std::filesystem::path(path).stem().string();
  auto t0 = Clock::now();
  absl::StatusOr<frontend::ExtractedModel> m =
      frontend::LoadOnnxModel(path, frontend_options);
  if (!m.ok()) return m.status();
  run.model = *std::move(m);
  auto t1 = Clock::now();
  run.layers = JobLayersFromModel(run.model);
  run.uncosted = UncostedNodesFromModel(run.model);
  run.runs =
      RunNetwork(run.layers, dataflows, hw, options, run.name, run.uncosted);
  if (run.runs.size() > 1) {
    run.best =
        PerLayerBest(run.layers, run.runs, hw, run.uncosted, options.objective);
  }
  auto t2 = Clock::now();
  run.seconds_frontend = std::chrono::duration<double>(t1 - t0).count();
  run.seconds_analysis = std::chrono::duration<double>(t2 - t1).count();
  return run;
}

absl::Status CheckSomethingCosted(const ModelRun& m) {
  for (const DataflowRun& r : m.runs) {
    if (r.summary.layers_costed > 0) return absl::OkStatus();
  }
  const RunSummary& s = m.runs.empty() ? RunSummary() : m.runs[0].summary;
  if (s.layers == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "error: ", m.path, ": no MAC layer to cost: none of its ",
        m.model.node_count,
        " nodes is a convolution, Gemm or MatMul (`maestro-onnx layers ",
        m.path, "` lists every node and its verdict)"));
  }
  std::vector<std::string> dfs;
  for (const DataflowRun& r : m.runs) dfs.push_back(r.dataflow);
  return absl::InvalidArgumentError(
      absl::StrCat("error: ", m.path, ": no layer costed (0 of ", s.layers,
                   " MAC layers) under ", absl::StrJoin(dfs, ", "),
                   "; the first, ", s.first_not_costed));
}

}  // namespace maestro
