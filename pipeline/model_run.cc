#include "pipeline/model_run.h"

#include <chrono>
#include <filesystem>

namespace maestro {

std::vector<JobLayer> JobLayersFromModel(const frontend::ExtractedModel& m) {
  std::vector<JobLayer> out;
  out.reserve(m.layers.size());
  for (const frontend::ExtractedLayer& e : m.layers) {
    if (e.conditional) continue;
    const bool conv_like = e.kind != "gemm" && e.kind != "matmul" &&
                           e.kind != "recurrent" && e.kind != "attention";
    for (const frontend::LayerPart& p : e.parts) {
      JobLayer j;
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
  run.runs = RunNetwork(run.layers, dataflows, hw, options, run.name);
  if (run.runs.size() > 1) run.best = PerLayerBest(run.runs, hw);
  auto t2 = Clock::now();
  run.seconds_frontend = std::chrono::duration<double>(t1 - t0).count();
  run.seconds_analysis = std::chrono::duration<double>(t2 - t1).count();
  return run;
}

}  // namespace maestro
