// Subcommands of the maestro-onnx program register themselves here.
//
// Example (tools/cmd_parse.cc):
//   namespace {
//   maestro::tools::CommandRegistrar reg("parse", [](CLI::App& app) {
//     auto* cmd = app.add_subcommand("parse", "Check a .m mapping file");
//     auto opts = std::make_shared<ParseOptions>();
//     cmd->add_option("file", opts->file)->required();
//     return [opts]() -> int { return RunParse(*opts); };  // exit code
//   });
//   }  // namespace
//
// main() adds every registered subcommand to the CLI11 app, parses, and runs
// the action of the one the user chose. Exit codes: 0 success, 1 a check
// failed (e.g. a baseline moved), 2 a user error (bad file, bad flag).
#ifndef MAESTRO_ONNX_TOOLS_COMMAND_REGISTRY_H_
#define MAESTRO_ONNX_TOOLS_COMMAND_REGISTRY_H_

#include <functional>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/string_view.h"

namespace maestro::tools {

inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;
inline constexpr int kExitUserError = 2;

// Prints a user error as one line on stderr ("error: MESSAGE", unless the
// message carries its own "error: ") and returns kExitUserError.
int UserError(absl::string_view msg);

// Adds the subcommand to `app` and returns the function that runs it.
using CommandAction = std::function<int()>;
using CommandSetup = std::function<CommandAction(CLI::App& app)>;

struct RegisteredCommand {
  std::string name;
  CommandSetup setup;
};

std::vector<RegisteredCommand>& CommandRegistry();

struct CommandRegistrar {
  CommandRegistrar(std::string name, CommandSetup setup) {
    CommandRegistry().push_back({std::move(name), std::move(setup)});
  }
};

// The default action when no subcommand is named (the main network job),
// registered by the file that implements it. Receives the top-level app so
// it can add positional model files and flags to it.
struct DefaultCommandRegistrar {
  explicit DefaultCommandRegistrar(CommandSetup setup);
};
CommandSetup& DefaultCommand();

}  // namespace maestro::tools

#endif  // MAESTRO_ONNX_TOOLS_COMMAND_REGISTRY_H_
