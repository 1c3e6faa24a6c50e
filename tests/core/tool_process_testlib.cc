#include "tests/core/tool_process_testlib.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "gtest/gtest.h"

namespace maestro::test_support {

std::string ProcessTempDir() {
  static const std::string dir = [] {
    std::string d = ::testing::TempDir() + "/mo_tool_" +
                    std::to_string(static_cast<long>(getpid()));
    mkdir(d.c_str(), 0700);
    return d;
  }();
  return dir;
}

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

int InterruptOnceRunning(pid_t pid, const std::string& err,
                         const std::string& marker) {
  const auto tick = std::chrono::milliseconds(100);
  bool running = false;
  for (int i = 0; i < 600 && !running; ++i) {
    running = SlurpFile(err).find(marker) != std::string::npos;
    if (!running) std::this_thread::sleep_for(tick);
  }
  int status = 0;
  if (running && kill(pid, SIGINT) == 0) {
    for (int i = 0; i < 300; ++i) {
      if (waitpid(pid, &status, WNOHANG) == pid) return status;
      std::this_thread::sleep_for(tick);
    }
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return -1;
}

}  // namespace maestro::test_support
