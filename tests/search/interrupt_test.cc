// Ctrl-C and progress lines of the search command, run as a process: SIGINT
// stops a search whose budget would take hours, and the tool prints the best
// so far, marked, with exit code 130; `--progress jsonl` lines parse and
// their total evaluation count never decreases.
#include <sys/wait.h>

#include <cstdio>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/core/tool_process_testlib.h"

namespace {

using maestro::test_support::InterruptOnceRunning;
using maestro::test_support::ProcessTempDir;
using maestro::test_support::SlurpFile;
using maestro::test_support::SpawnTool;

TEST(SearchTool, ProgressJsonlIsMonotone) {
  const std::string dir = ProcessTempDir();
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
// would run for hours.
TEST(SearchTool, CtrlCReturnsTheBestSoFar) {
  const std::string dir = ProcessTempDir();
  const std::string err = dir + "/i.err";
  std::remove(err.c_str());  // no stale progress line from an earlier run
  const pid_t pid = SpawnTool({"search", "models/resnet50.onnx", "--budget",
                               "evals=100000000", "--progress", "jsonl"},
                              dir + "/i.out", err);
  const int status = InterruptOnceRunning(pid, err, "evals_total");
  ASSERT_NE(status, -1) << "the search never ran or ignored SIGINT";
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  const std::string out = SlurpFile(dir + "/i.out");
  EXPECT_NE(out.find("! INTERRUPTED"), std::string::npos) << out;
  EXPECT_NE(out.find("network totals"), std::string::npos);
  EXPECT_NE(SlurpFile(err).find("INTERRUPTED (Ctrl-C)"), std::string::npos);
}

}  // namespace
