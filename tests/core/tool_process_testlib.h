// Running the built maestro-onnx as a child process from a test (Ctrl-C and
// progress-line tests): spawn it with stdout and stderr to files, then read
// the files back.
//
// Example:
//   pid_t pid = SpawnTool({"search", "models/resnet18.onnx"}, out, err);
//   kill(pid, SIGINT);
//   waitpid(pid, &status, 0);
//   std::string text = SlurpFile(out);
//   int status = InterruptOnceRunning(pid, err, "evals_total");
#ifndef MAESTRO_ONNX_TESTS_CORE_TOOL_PROCESS_TESTLIB_H_
#define MAESTRO_ONNX_TESTS_CORE_TOOL_PROCESS_TESTLIB_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace maestro::test_support {

// A directory of this test process's own under the test temp dir (made on
// first use), so that test runs side by side (two build trees, ctest -j)
// never share the files a spawned tool writes.
std::string ProcessTempDir();

// The whole file ("" when it cannot be read).
std::string SlurpFile(const std::string& path);

// Starts build/tools/maestro-onnx with `args`, its stdout and stderr to the
// files `out` and `err`; returns its pid (the child exits 127 when the tool
// cannot be executed).
pid_t SpawnTool(const std::vector<std::string>& args, const std::string& out,
                const std::string& err);

// Waits (up to 60 s) until the file `err` contains `marker` (the tool is
// running), then sends SIGINT to `pid` and waits up to 30 s for it to exit.
// Returns its wait status, or -1 when the marker never came or the tool
// ignored SIGINT (then it is killed). The limits only catch a tool that
// ignores Ctrl-C; they hold on a loaded machine.
int InterruptOnceRunning(pid_t pid, const std::string& err,
                         const std::string& marker);

}  // namespace maestro::test_support

#endif  // MAESTRO_ONNX_TESTS_CORE_TOOL_PROCESS_TESTLIB_H_
