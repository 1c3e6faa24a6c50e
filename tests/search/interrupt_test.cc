// Ctrl-C and progress lines of the search command, run as a process: SIGINT
// stops a search whose budget would take hours, and the tool prints the best
// so far, marked, with exit code 130; `--progress jsonl` lines parse and
// their total evaluation count never decreases.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/core/tool_process_testlib.h"

namespace {

using maestro::test_support::SlurpFile;
using maestro::test_support::SpawnTool;

TEST(SearchTool, ProgressJsonlIsMonotone) {
  const std::string dir = ::testing::TempDir();
  const pid_t pid =
      SpawnTool({"search", "models/resnet18.onnx", "--budget", "evals=400",
                 "--progress", "jsonl", "--format", "json"},
                dir + "/p.out", dir + "/p.err");
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::istringstream lines(SlurpFile(dir + "/p.err"));
  std::string line;
  int64_t last_total = -1, layers_done = 0, count = 0;
  while (std::getline(lines, line)) {
    const nlohmann::json j = nlohmann::json::parse(line);  // throws if bad
    ++count;
    EXPECT_GE(j["evals_total"].get<int64_t>(), last_total) << line;
    last_total = j["evals_total"];
    if (!j["budget_evals"].is_null()) {
      EXPECT_LE(j["evals"].get<int64_t>(), j["budget_evals"].get<int64_t>());
    }
    EXPECT_GT(j["best_runtime_cycles"].get<int64_t>(), 0);
    layers_done += j["done"].get<bool>();
  }
  const nlohmann::json result =
      nlohmann::json::parse(SlurpFile(dir + "/p.out"));
  EXPECT_EQ(layers_done, static_cast<int64_t>(result["layers"].size()));
  // 400 per unique layer on average, split by MAC share.
  EXPECT_EQ(last_total, result["evals"].get<int64_t>());
  EXPECT_LE(last_total, 400 * static_cast<int64_t>(result["layers"].size()));
  EXPECT_GE(count, layers_done);
}

// Not a timing test of the search: the budget (10^8 evaluations per layer)
// would run for hours; the 30 s limit only catches a tool that ignores
// Ctrl-C, and holds on a loaded machine.
TEST(SearchTool, CtrlCReturnsTheBestSoFar) {
  const std::string dir = ::testing::TempDir();
  const std::string err = dir + "/i.err";
  std::remove(err.c_str());  // no stale progress line from an earlier run
  const pid_t pid = SpawnTool({"search", "models/resnet50.onnx", "--budget",
                               "evals=100000000", "--progress", "jsonl"},
                              dir + "/i.out", err);
  // Wait for the first progress line: the search is running.
  for (int i = 0;
       i < 600 && SlurpFile(err).find("evals_total") == std::string::npos;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_NE(SlurpFile(err).find("evals_total"), std::string::npos);
  ASSERT_EQ(kill(pid, SIGINT), 0);
  int status = 0;
  pid_t done = 0;
  for (int i = 0; i < 300 && done == 0; ++i) {
    done = waitpid(pid, &status, WNOHANG);
    if (done == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (done == 0) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    FAIL() << "the search ignored SIGINT for 30 s";
  }
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  const std::string out = SlurpFile(dir + "/i.out");
  EXPECT_NE(out.find("! INTERRUPTED"), std::string::npos) << out;
  EXPECT_NE(out.find("network totals"), std::string::npos);
  EXPECT_NE(SlurpFile(err).find("INTERRUPTED (Ctrl-C)"), std::string::npos);
}

}  // namespace
