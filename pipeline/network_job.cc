#include "pipeline/network_job.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "core/mapping.h"

namespace maestro {
namespace {

// Identity of an analysis: everything AnalyzeLayer reads from the layer,
// plus the directive list chosen for it.
std::string AnalysisKey(const Layer& l, const Dataflow* df) {
  std::string key =
      absl::StrCat(static_cast<int>(l.type), ":", l.stride_y, ":", l.stride_x,
                   ":", reinterpret_cast<uintptr_t>(df));
  for (int64_t d : l.dims) absl::StrAppend(&key, ",", d);
  return key;
}

struct Task {
  size_t layer;  // first layer with this key
  size_t run;    // dataflow index
  const Dataflow* df;
};

}  // namespace

int64_t OffchipElements(const LayerResult& r) {
  return r.access[kInput].l2_write + r.access[kFilter].l2_write +
         r.access[kOutput].l2_read;
}

std::vector<DataflowRun> RunNetwork(
    const std::vector<JobLayer>& layers,
    const std::vector<DataflowLibraryFile>& dataflows, const Hardware& hw,
    const JobOptions& options, const std::string& network_name) {
  std::vector<DataflowRun> runs(dataflows.size());
  std::vector<Task> tasks;
  // task index per (run, layer); layers sharing a key share a task.
  std::vector<std::vector<size_t>> task_of(dataflows.size());
  for (size_t d = 0; d < dataflows.size(); ++d) {
    DataflowRun& run = runs[d];
    run.dataflow = dataflows[d].name;
    run.layers.resize(layers.size());
    task_of[d].assign(layers.size(), SIZE_MAX);
    absl::flat_hash_map<std::string, size_t> seen;
    for (size_t i = 0; i < layers.size(); ++i) {
      absl::StatusOr<const Dataflow*> df =
          DataflowForLayer(dataflows[d], layers[i].layer, layers[i].role);
      if (!df.ok()) {
        run.layers[i].status = df.status();
        continue;
      }
      auto [it, inserted] =
          seen.try_emplace(AnalysisKey(layers[i].layer, *df), tasks.size());
      if (inserted) {
        tasks.push_back({i, d, *df});
      } else {
        run.layers[i].reused = true;
      }
      task_of[d][i] = it->second;
    }
  }

  std::vector<absl::StatusOr<LayerResult>> results(
      tasks.size(), absl::UnknownError("not run"));
  auto work = [&](size_t t) {
    const Task& task = tasks[t];
    const Layer& layer = layers[task.layer].layer;
    absl::StatusOr<ResolvedMapping> m = ResolveDataflow(*task.df, layer, hw);
    if (!m.ok()) {
      results[t] = m.status();
      return;
    }
    results[t] = AnalyzeLayer(layer, *m, hw, options.analysis);
  };
  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(1, std::min<int>(threads, static_cast<int>(tasks.size())));
  if (threads == 1) {
    for (size_t t = 0; t < tasks.size(); ++t) work(t);
  } else {
    std::atomic<size_t> next{0};
    std::vector<std::thread> pool;
    for (int k = 0; k < threads; ++k) {
      pool.emplace_back([&] {
        for (size_t t; (t = next.fetch_add(1)) < tasks.size();) work(t);
      });
    }
    for (std::thread& th : pool) th.join();
  }

  for (size_t d = 0; d < dataflows.size(); ++d) {
    DataflowRun& run = runs[d];
    run.net.name = network_name;
    run.net.dataflow = run.dataflow;
    std::vector<bool> counted(tasks.size(), false);
    for (size_t i = 0; i < layers.size(); ++i) {
      LayerOutcome& out = run.layers[i];
      size_t t = task_of[d][i];
      if (t == SIZE_MAX) {
        ++run.not_costed;
        continue;
      }
      if (!counted[t]) {
        counted[t] = true;
        ++run.unique_analyses;
      }
      if (!results[t].ok()) {
        const Layer& l = layers[i].layer;
        out.status = absl::Status(
            results[t].status().code(),
            absl::StrCat(l.loc.ToString().empty() ? l.name : l.loc.ToString(),
                         ": ", results[t].status().message()));
        ++run.not_costed;
        continue;
      }
      out.result = *results[t];
      out.result.name = layers[i].layer.name;
      out.result.repeat = layers[i].layer.repeat;
      run.net.layers.push_back(out.result);
    }
    ComputeTotals(hw, run.net);
  }
  return runs;
}

BestChoice PerLayerBest(const std::vector<DataflowRun>& runs,
                        const Hardware& hw) {
  BestChoice best;
  if (runs.empty()) return best;
  size_t n = runs[0].layers.size();
  best.dataflow_index.assign(n, -1);
  best.net.dataflow = "per-layer best";
  best.net.name = runs[0].net.name;
  for (size_t i = 0; i < n; ++i) {
    int pick = -1;
    for (size_t d = 0; d < runs.size(); ++d) {
      const LayerOutcome& o = runs[d].layers[i];
      if (!o.status.ok()) continue;
      if (pick < 0 || o.result.runtime_cycles <
                          runs[pick].layers[i].result.runtime_cycles) {
        pick = static_cast<int>(d);
      }
    }
    best.dataflow_index[i] = pick;
    if (pick >= 0) best.net.layers.push_back(runs[pick].layers[i].result);
  }
  ComputeTotals(hw, best.net);
  return best;
}

}  // namespace maestro
