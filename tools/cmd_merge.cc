// maestro-onnx merge PART.json... [-o result.json]: the shard results of
// one run (`maestro-onnx MODELS... --shard K/N -o PART.json` for every K)
// combined into the JSON the unsharded run prints with --format json, byte
// for byte. The parts may come in any order; a missing or repeated shard,
// or a part of another run, is an error (exit 2). Parts of a search
// (`maestro-onnx search ... --shard K/N`) merge into its --format json
// (sharding/search_shard.h), parts of a dse sweep (`maestro-onnx dse ...
// --shard K/N`) into its --format json (sharding/dse_shard.h); parts of
// different kinds do not mix. With dse parts, --out DIR writes the files
// of `dse --out DIR` too (tools/dse_out_dir.h).
// docs/distributed.md.
#include <iostream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "core/report/json_text.h"
#include "core/user_file.h"
#include "search/report.h"
#include "sharding/merge_parts.h"
#include "tools/command_registry.h"
#include "tools/dse_out_dir.h"
#include "tools/sharded_run.h"

namespace maestro::tools {
namespace {

struct MergeOptions {
  std::vector<std::string> parts;
  std::string output, out;  // -o FILE, --out DIR (dse parts)
};

constexpr absl::string_view kPartExpected =
    "a part written by `maestro-onnx ... --shard K/N -o PART.json`";

absl::StatusOr<nlohmann::ordered_json> LoadPart(const std::string& path) {
  absl::StatusOr<std::string> text = ReadUserFile(
      path, {"shard result", kPartExpected, int64_t{1} << 30, false});
  if (!text.ok()) return text.status();
  return ParseUserJson(*text, path, kPartExpected);
}

// The search's JSON (as `search --format json` prints it), merged.
int WriteSearch(const nlohmann::ordered_json& j, const MergeOptions& o) {
  absl::Status s = WriteOutput(o.output, DumpJson(j, 2) + "\n");
  if (!s.ok()) return FailWithStatus(s);
  // As the unsharded search: exit 1 when a layer has no feasible mapping,
  // with the error line under --constraint. (A shard exits 0 then, so
  // that a job dependency on the shards still runs the merge.)
  const std::string constraints = j["config"]["constraints"];
  int infeasible = 0;
  for (const auto& l : j["layers"]) {
    infeasible += l["best"]["standing"] != "feasible";
  }
  if (infeasible == 0) return kExitOk;
  if (!constraints.empty()) {
    std::cerr << search::InfeasibleMessage(infeasible, constraints) << "\n";
  }
  return kExitCheckFailed;
}

// The dse's JSON (as `dse --format json` prints it), merged; exit codes as
// the unsharded dse: 130 when a shard was interrupted, 1 when no design is
// valid.
int WriteDse(const MergedParts& m, const MergeOptions& o) {
  const MergedDse& d = m.dse_run;
  absl::Status s = WriteOutput(o.output, DumpJson(d.json, 2) + "\n");
  if (s.ok() && !o.out.empty()) {
    s = WriteDseOutDir(o.out, d.json, d.result, d.best ? &*d.best : nullptr);
  }
  if (!s.ok()) return FailWithStatus(s);
  if (d.result.stopped_early) {
    std::cerr << "INTERRUPTED: a shard was stopped (Ctrl-C); the merged "
                 "result is the best of the points evaluated (exit 130)\n";
    return 130;
  }
  if (d.result.found) return kExitOk;
  std::cerr << "error: no design point is valid (every layer costed, "
               "buffers fitting"
            << (d.constraints.empty() ? "" : ", " + d.constraints)
            << "); exit 1\n";
  return kExitCheckFailed;
}

int RunMerge(const MergeOptions& o) {
  std::vector<nlohmann::ordered_json> parts;
  for (const std::string& p : o.parts) {
    absl::StatusOr<nlohmann::ordered_json> j = LoadPart(p);
    if (!j.ok()) return FailWithStatus(j.status());
    parts.push_back(*std::move(j));
  }
  absl::StatusOr<MergedParts> merged = MergeAnyParts(parts, o.parts);
  if (!merged.ok()) return FailWithStatus(merged.status());
  if (merged->dse) return WriteDse(*merged, o);
  if (!o.out.empty()) {
    return UserError(
        "--out DIR writes the files of a dse sweep (result.json, pareto.csv, "
        "best-hw.json, best-hw.m, best.m); expected dse parts, or -o FILE");
  }
  if (merged->search) return WriteSearch(merged->results[0], o);
  // One hardware point: the run's result; several (a study): an array.
  const std::vector<nlohmann::ordered_json>& r = merged->results;
  const std::string text = r.size() == 1
                               ? DumpJson(r[0], 1)
                               : DumpJson(nlohmann::ordered_json(r), 1);
  absl::Status s = WriteOutput(o.output, text + "\n");
  return s.ok() ? kExitOk : FailWithStatus(s);
}

CommandRegistrar reg("merge", [](CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "merge",
      "Combine the parts of a run written with --shard K/N into its result "
      "(docs/distributed.md)");
  auto o = std::make_shared<MergeOptions>();
  cmd->add_option("parts", o->parts, "the part files, any order")->required();
  cmd->add_option("-o,--output", o->output, "write the result to FILE");
  cmd->add_option("--out", o->out,
                  "dse parts: also write result.json, pareto.csv, "
                  "best-hw.json, best-hw.m, best.m here, as `dse --out`");
  return [o]() -> int { return RunMerge(*o); };
});

}  // namespace
}  // namespace maestro::tools
