// maestro-onnx dataflows: lists the dataflow library.
#include <iostream>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "mappings/library.h"
#include "tools/command_registry.h"

namespace maestro::tools {
namespace {

int RunDataflows(bool verbose) {
  absl::StatusOr<const DataflowLibrary*> lib = DataflowLibrary::Builtin();
  if (!lib.ok()) {
    std::cerr << "error: " << lib.status().message() << "\n";
    return kExitUserError;
  }
  for (const DataflowLibraryFile& f : (*lib)->entries()) {
    std::string aliases =
        f.aliases.empty() ? "" : " (" + absl::StrJoin(f.aliases, ", ") + ")";
    std::cout << absl::StrFormat("%-12s %s%s\n", f.name, f.description,
                                 aliases);
    if (!verbose) continue;
    for (const auto& [key, df] : f.dataflows) {
      std::cout << absl::StrFormat("    %-7s %d directives\n", key,
                                   df.directives.size());
    }
  }
  std::cout
      << "\nUse --dataflow NAME, a comma-separated list, `all`, or a .m file "
         "of your own (docs/dataflows.md).\n";
  return kExitOk;
}

CommandRegistrar reg("dataflows", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("dataflows", "List the dataflow library");
  auto verbose = std::make_shared<bool>(false);
  cmd->add_flag("-v,--verbose", *verbose, "show the layer-type blocks of each");
  return [verbose]() -> int { return RunDataflows(*verbose); };
});

}  // namespace
}  // namespace maestro::tools
