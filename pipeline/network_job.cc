#include "pipeline/network_job.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/mapping.h"
#include "core/threads.h"

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

// Resolves and analyses one layer under one directive list.
absl::StatusOr<LayerResult> Analyze(const Layer& layer, const Dataflow& df,
                                    const Hardware& hw,
                                    const AnalysisOptions& options) {
  absl::StatusOr<ResolvedMapping> m = ResolveDataflow(df, layer, hw);
  if (!m.ok()) return m.status();
  return AnalyzeLayer(layer, *m, hw, options);
}

// "NODE: message" unless the message already names the node.
std::string Located(const std::string& node, absl::string_view message) {
  if (absl::StrContains(message, node)) return std::string(message);
  return absl::StrCat(node, ": ", message);
}

// The error of layers[i], which shared task `t`'s failed analysis, prefixed
// with its location. A layer that is not the task's own (an identical layer
// reused the analysis) is analysed again, so the message names it.
absl::Status LayerError(const std::vector<JobLayer>& layers, size_t i,
                        const Task& task, const absl::Status& shared,
                        const Hardware& hw, const AnalysisOptions& options) {
  const Layer& l = layers[i].layer;
  absl::Status s = shared;
  if (i != task.layer) {
    absl::StatusOr<LayerResult> own = Analyze(l, *task.df, hw, options);
    if (!own.ok()) s = own.status();
  }
  return absl::Status(
      s.code(), Located(l.loc.ToString().empty() ? l.name : l.loc.ToString(),
                        s.message()));
}

}  // namespace

int64_t OffchipElements(const LayerResult& r) {
  return r.access[kInput].l2_write + r.access[kFilter].l2_write +
         r.access[kOutput].l2_read;
}

std::string BriefError(absl::string_view message) {
  const size_t at = message.rfind("error: ");
  if (at == absl::string_view::npos) return std::string(message);
  return std::string(message.substr(at + 7));
}

const std::string& NodeOf(const JobLayer& l) {
  return l.node.empty() ? l.layer.name : l.node;
}

double RunSummary::MacsFraction() const {
  const double known =
      static_cast<double>(macs_costed) + static_cast<double>(macs_not_costed);
  return known > 0 ? static_cast<double>(macs_costed) / known : 1.0;
}

std::string PartialLine(const RunSummary& s) {
  if (!s.partial()) return "";
  if (s.layers_macs_unknown == 0) {
    return absl::StrFormat("PARTIAL: %d of %d layers costed, %.1f %% of MACs",
                           s.layers_costed, s.layers, 100 * s.MacsFraction());
  }
  return absl::StrFormat(
      "PARTIAL: %d of %d layers costed, %.1f %% of the known MACs (the MACs "
      "of %d not costed are unknown)",
      s.layers_costed, s.layers, 100 * s.MacsFraction(), s.layers_macs_unknown);
}

RunSummary SummarizeRun(const std::vector<JobLayer>& layers,
                        const std::vector<LayerOutcome>& outcomes,
                        const std::vector<UncostedNode>& uncosted) {
  // Per node, in first-appearance order: whether every part was costed and
  // whether a costed part is approximate or overflows.
  struct NodeState {
    bool costed = true, approximate = false, over_l1 = false, over_l2 = false,
         offchip = false;
  };
  std::vector<NodeState> nodes;
  absl::flat_hash_map<std::string, size_t> index;
  RunSummary s;
  for (size_t i = 0; i < layers.size(); ++i) {
    const std::string& node = NodeOf(layers[i]);
    auto [it, inserted] = index.try_emplace(node, nodes.size());
    if (inserted) nodes.emplace_back();
    NodeState& n = nodes[it->second];
    const LayerOutcome& o = outcomes[i];
    if (!o.status.ok()) {
      if (n.costed && s.first_not_costed.empty()) {
        s.first_not_costed =
            absl::StrCat(node, ": ", BriefError(o.status.message()));
      }
      n.costed = false;
      s.macs_not_costed +=
          AnalyticMacs(layers[i].layer) * layers[i].layer.repeat;
      continue;
    }
    const LayerResult& r = o.result;
    s.macs_costed += r.macs * r.repeat;
    s.offchip_min += layers[i].offchip_min >= 0 ? layers[i].offchip_min
                                                : OffchipElements(r) * r.repeat;
    s.offchip_modelled += r.offchip_modelled * r.repeat;
    if (r.semantics == Semantics::kExact && !r.loop_nest) {
      if (!n.approximate && s.first_approximate.empty()) {
        s.first_approximate = absl::StrCat(node, ": ", r.exact_fallback);
      }
      n.approximate = true;
    }
    n.over_l1 |= !r.fits_l1;
    n.over_l2 |= !r.fits_l2;
    n.offchip |= r.bound == Bound::kOffchip;
  }
  s.layers = static_cast<int64_t>(nodes.size() + uncosted.size());
  for (const NodeState& n : nodes) {
    s.layers_costed += n.costed;
    s.layers_approximate += n.approximate;
    s.layers_over_l1 += n.over_l1;
    s.layers_over_l2 += n.over_l2;
    s.layers_offchip_bound += n.offchip;
  }
  for (const UncostedNode& u : uncosted) {
    if (s.first_not_costed.empty()) {
      s.first_not_costed = absl::StrCat(u.node, " (", u.op, "): ", u.reason);
    }
    if (u.macs >= 0) {
      s.macs_not_costed += u.macs;
    } else {
      ++s.layers_macs_unknown;
    }
  }
  return s;
}

std::vector<DataflowRun> RunNetwork(
    const std::vector<JobLayer>& layers,
    const std::vector<DataflowLibraryFile>& dataflows, const Hardware& hw,
    const JobOptions& options, const std::string& network_name,
    const std::vector<UncostedNode>& uncosted) {
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
    results[t] =
        Analyze(layers[task.layer].layer, *task.df, hw, options.analysis);
  };
  int threads = ResolveThreads(options.threads);
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
    std::vector<bool> counted(tasks.size(), false);
    for (size_t i = 0; i < layers.size(); ++i) {
      LayerOutcome& out = run.layers[i];
      size_t t = task_of[d][i];
      if (t == SIZE_MAX) continue;
      if (!counted[t]) {
        counted[t] = true;
        ++run.unique_analyses;
      }
      if (!results[t].ok()) {
        out.status = LayerError(layers, i, tasks[t], results[t].status(), hw,
                                options.analysis);
        continue;
      }
      out.result = *results[t];
      out.result.name = layers[i].layer.name;
      out.result.repeat = layers[i].layer.repeat;
    }
    CompleteRun(layers, hw, network_name, uncosted, run);
  }
  return runs;
}

void CompleteRun(const std::vector<JobLayer>& layers, const Hardware& hw,
                 const std::string& network_name,
                 const std::vector<UncostedNode>& uncosted, DataflowRun& run) {
  run.net = NetworkResult();
  run.net.name = network_name;
  run.net.dataflow = run.dataflow;
  for (const LayerOutcome& o : run.layers) {
    if (o.status.ok()) run.net.layers.push_back(o.result);
  }
  ComputeTotals(hw, run.net);
  run.summary = SummarizeRun(layers, run.layers, uncosted);
}

BestChoice PerLayerBest(const std::vector<JobLayer>& layers,
                        const std::vector<DataflowRun>& runs,
                        const Hardware& hw,
                        const std::vector<UncostedNode>& uncosted,
                        Objective objective) {
  BestChoice best;
  best.objective = objective;
  if (runs.empty()) return best;
  size_t n = runs[0].layers.size();
  best.dataflow_index.assign(n, -1);
  best.layers.resize(n);
  best.net.dataflow = "per-layer best";
  best.net.name = runs[0].net.name;
  // Better: fits the buffers where the other does not, else a lower value
  // of the objective.
  auto better = [objective](const LayerResult& a, const LayerResult& b) {
    const bool fa = a.fits_l1 && a.fits_l2, fb = b.fits_l1 && b.fits_l2;
    if (fa != fb) return fa;
    return ObjectiveValue(objective, static_cast<double>(a.runtime_cycles),
                          a.energy_pj) <
           ObjectiveValue(objective, static_cast<double>(b.runtime_cycles),
                          b.energy_pj);
  };
  for (size_t i = 0; i < n; ++i) {
    int pick = -1;
    for (size_t d = 0; d < runs.size(); ++d) {
      const LayerOutcome& o = runs[d].layers[i];
      if (!o.status.ok()) continue;
      if (pick < 0 || better(o.result, runs[pick].layers[i].result)) {
        pick = static_cast<int>(d);
      }
    }
    best.dataflow_index[i] = pick;
    if (pick < 0) {
      best.layers[i].status = absl::NotFoundError("not costed by any dataflow");
      continue;
    }
    best.layers[i] = runs[pick].layers[i];
    best.net.layers.push_back(runs[pick].layers[i].result);
  }
  ComputeTotals(hw, best.net);
  best.summary = SummarizeRun(layers, best.layers, uncosted);
  return best;
}

}  // namespace maestro
