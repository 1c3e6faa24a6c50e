// `--shard K/N` of the main job and `maestro-onnx merge` (tools/cmd_merge.cc):
// the shard's items run and written as a part file (docs/distributed.md).
//
// Example (tools/cmd_network.cc):
//   if (!o.shard.empty()) return RunShardCommand(spec, o.shard, o.threads,
//   o.output);
#ifndef MAESTRO_ONNX_TOOLS_SHARDED_RUN_H_
#define MAESTRO_ONNX_TOOLS_SHARDED_RUN_H_

#include <string>

#include "absl/status/status.h"
#include "sharding/network_shard.h"

namespace maestro::tools {

// Prints the error (prefixed "error: " unless it says so) and returns 2.
int FailWithStatus(const absl::Status& s);

// Writes `text` to `path`, or to stdout when `path` is empty.
absl::Status WriteOutput(const std::string& path, const std::string& text,
                         absl::string_view flag = "-o");

// Runs shard `shard` ("K/N") of the run `spec` and writes its part.
int RunShardCommand(const NetworkSpec& spec, const std::string& shard,
                    int threads, const std::string& output);

}  // namespace maestro::tools

#endif  // MAESTRO_ONNX_TOOLS_SHARDED_RUN_H_
