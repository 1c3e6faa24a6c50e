// maestro-onnx: DNN accelerator cost analysis of whole ONNX networks.
// Subcommands live in tools/cmd_*.cc and register themselves.
#include <algorithm>
#include <iostream>
#include <map>
#include <string>

#include "absl/strings/match.h"
#include "tools/command_registry.h"

namespace maestro::tools {

int UserError(absl::string_view msg) {
  const bool has_prefix =
      absl::StartsWith(msg, "error: ") || absl::StrContains(msg, ": error: ");
  std::cerr << (has_prefix ? "" : "error: ") << msg << "\n";
  return kExitUserError;
}

std::vector<RegisteredCommand>& CommandRegistry() {
  static auto* r = new std::vector<RegisteredCommand>();
  return *r;
}

CommandSetup& DefaultCommand() {
  static auto* d = new CommandSetup();
  return *d;
}

DefaultCommandRegistrar::DefaultCommandRegistrar(CommandSetup setup) {
  DefaultCommand() = std::move(setup);
}

namespace {

// Options that take several values (--input-shape A=.. B=..) would swallow
// the model path after them: each occurrence takes one value (repeat the
// option for more), here and in every subcommand.
void OneValuePerOccurrence(CLI::App& app) {
  for (CLI::Option* opt : app.get_options()) {
    if (!opt->get_positional() && opt->get_expected_max() > 1) {
      opt->allow_extra_args(false);
    }
  }
  for (CLI::App* sub : app.get_subcommands({})) OneValuePerOccurrence(*sub);
}

// A usage error in one line: what is wrong and where the help is.
std::string UsageError(const CLI::App& app, const CLI::Error& e) {
  std::string cmd = "maestro-onnx";
  for (const CLI::App* sub : app.get_subcommands()) {
    cmd += " " + sub->get_name();
  }
  std::string what = e.what();
  while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) {
    what.pop_back();
  }
  return "error: " + what + " (`" + cmd + " --help` for usage)\n";
}

}  // namespace
}  // namespace maestro::tools

int main(int argc, char** argv) {
  using namespace maestro::tools;
  CLI::App app{
      "maestro-onnx: how a neural network runs on a DNN accelerator "
      "(MAESTRO's data-centric cost model over whole ONNX networks)",
      "maestro-onnx"};
  app.set_version_flag("--version", "maestro-onnx 0.1.0");
  app.require_subcommand(0, 1);

  // Registration order is link order; sort for a stable --help.
  auto commands = CommandRegistry();
  std::sort(commands.begin(), commands.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  std::map<const CLI::App*, CommandAction> actions;
  for (auto& c : commands) {
    size_t before = app.get_subcommands({}).size();
    CommandAction action = c.setup(app);
    auto subs = app.get_subcommands({});
    if (subs.size() > before) actions[subs.back()] = std::move(action);
  }
  CommandAction default_action;
  if (DefaultCommand()) default_action = DefaultCommand()(app);

  OneValuePerOccurrence(app);
  app.failure_message(
      [](const CLI::App* a, const CLI::Error& e) { return UsageError(*a, e); });
  if (argc <= 1) {  // nothing asked: the help, as a usage error
    std::cout << app.help();
    return kExitUserError;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUserError;
  }
  for (const auto& [sub, action] : actions) {
    if (sub->parsed()) return action();
  }
  if (default_action) return default_action();
  std::cout << app.help();
  return kExitUserError;
}
