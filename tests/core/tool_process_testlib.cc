#include "tests/core/tool_process_testlib.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace maestro::test_support {

std::string SlurpFile(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

pid_t SpawnTool(const std::vector<std::string>& args, const std::string& out,
                const std::string& err) {
  static const std::string tool =
      std::string(MO_BINARY_DIR) + "/tools/maestro-onnx";
  const pid_t pid = fork();
  if (pid == 0) {
    if (freopen(out.c_str(), "w", stdout) == nullptr ||
        freopen(err.c_str(), "w", stderr) == nullptr) {
      _exit(126);
    }
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(tool.c_str()));
    for (const std::string& a : args) {
      argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    execv(tool.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

}  // namespace maestro::test_support
