#include "tools/sharded_run.h"

#include <fstream>
#include <iostream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/report/json_text.h"
#include "tools/command_registry.h"

namespace maestro::tools {

int FailWithStatus(const absl::Status& s) {
  const bool tagged = absl::StrContains(s.message(), "error: ");
  std::cerr << (tagged ? "" : "error: ") << s.message() << "\n";
  return kExitUserError;
}

absl::Status WriteOutput(const std::string& path, const std::string& text,
                         absl::string_view flag) {
  if (path.empty()) {
    std::cout << text;
    return absl::OkStatus();
  }
  std::ofstream f(path, std::ios::binary);
  if (!(f << text)) {
    return absl::PermissionDeniedError(
        absl::StrCat(flag, " ", path, ": cannot write the file"));
  }
  return absl::OkStatus();
}

int RunShardCommand(const NetworkSpec& spec, const std::string& shard_text,
                    int threads, const std::string& output) {
  absl::StatusOr<Shard> shard = ParseShard(shard_text);
  if (!shard.ok()) return FailWithStatus(shard.status());
  absl::StatusOr<NetworkPlan> plan = MakeNetworkPlan(spec);
  if (!plan.ok()) return FailWithStatus(plan.status());
  JobOptions job;
  job.analysis.semantics = spec.semantics;
  job.threads = threads;
  absl::StatusOr<nlohmann::ordered_json> part =
      RunPart(*plan, ShardItems(*plan, *shard), job);
  if (!part.ok()) return FailWithStatus(part.status());
  absl::Status s = WriteOutput(output, DumpJson(*part, 1) + "\n");
  return s.ok() ? kExitOk : FailWithStatus(s);
}

}  // namespace maestro::tools
