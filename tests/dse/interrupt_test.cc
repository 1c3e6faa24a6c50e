// The dse command run as a process: `--progress jsonl` lines parse and
// their point count never decreases; SIGINT stops a sweep or a cosearch
// that would take hours, and the tool prints the best so far with exit
// code 130.
#include <sys/wait.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/core/tool_process_testlib.h"

namespace {

using maestro::test_support::InterruptOnceRunning;
using maestro::test_support::ProcessTempDir;
using maestro::test_support::SlurpFile;
using maestro::test_support::SpawnTool;

TEST(DseTool, ProgressJsonlIsMonotone) {
  const std::string dir = ProcessTempDir();
  const pid_t pid = SpawnTool({"dse", "models/resnet18.onnx", "--sweep",
                               "pes=64:1024:64,noc_bw=8:256:8", "--progress",
                               "jsonl", "--format", "json"},
                              dir + "/dp.out", dir + "/dp.err");
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::istringstream lines(SlurpFile(dir + "/dp.err"));
  std::string line;
  int64_t last = -1, count = 0;
  while (std::getline(lines, line)) {
    const nlohmann::json j = nlohmann::json::parse(line);  // throws if bad
    ++count;
    EXPECT_GE(j["points"].get<int64_t>(), last) << line;
    EXPECT_EQ(j["budget_points"].get<int64_t>(), 512);
    last = j["points"];
  }
  EXPECT_GE(count, 1);
  const nlohmann::json result =
      nlohmann::json::parse(SlurpFile(dir + "/dp.out"));
  EXPECT_EQ(last, result["points_evaluated"].get<int64_t>());
  EXPECT_EQ(last, 512);
}

// Runs dse with `args` (plus --progress jsonl --format json), sends SIGINT
// after the first progress line, and checks exit code 130, the
// INTERRUPTED message and stopped_early; returns the JSON printed.
nlohmann::json InterruptedRun(std::vector<std::string> args,
                              const std::string& name) {
  const std::string dir = ProcessTempDir();
  const std::string err = dir + "/" + name + ".err";
  std::remove(err.c_str());
  for (const char* a : {"--progress", "jsonl", "--format", "json"}) {
    args.push_back(a);
  }
  const pid_t pid = SpawnTool(args, dir + "/" + name + ".out", err);
  const int status = InterruptOnceRunning(pid, err, "\"points\"");
  if (status == -1) {
    ADD_FAILURE() << name << ": dse never ran or ignored SIGINT";
    return nullptr;
  }
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  EXPECT_NE(SlurpFile(err).find("INTERRUPTED (Ctrl-C)"), std::string::npos);
  const nlohmann::json j =
      nlohmann::json::parse(SlurpFile(dir + "/" + name + ".out"));
  EXPECT_EQ(j["stopped_early"], true);
  EXPECT_GT(j["best"]["runtime_cycles"].get<int64_t>(), 0);
  return j;
}

// The grid (6.7e7 points over ResNet-50) would run for hours.
TEST(DseTool, CtrlCKeepsTheBestSoFar) {
  const nlohmann::json j =
      InterruptedRun({"dse", "models/resnet50.onnx", "--sweep",
                      "pes=64:4159:1,noc_bw=1:256:1,offchip_bw=1:64:1"},
                     "di");
  ASSERT_TRUE(j.is_object());
  EXPECT_GT(j["points_evaluated"].get<int64_t>(), 0);
  EXPECT_LT(j["points_evaluated"].get<int64_t>(), 4096LL * 256 * 64);
}

// cosearch: one line per hardware point searched, out of the first round's
// points (budget 60000 on 6 points: 2).
TEST(DseTool, CosearchProgressCountsThePointsSearched) {
  const std::string dir = ProcessTempDir();
  const pid_t pid = SpawnTool(
      {"dse", "models/resnet18.onnx", "--strategy", "cosearch", "--sweep",
       "pes=64|128|256,noc_bw=16|64", "--constraint", "area<=3e6", "--budget",
       "60000", "--progress", "jsonl", "--format", "json"},
      dir + "/cp.out", dir + "/cp.err");
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::istringstream lines(SlurpFile(dir + "/cp.err"));
  std::string line;
  std::vector<int64_t> points;
  while (std::getline(lines, line)) {
    const nlohmann::json j = nlohmann::json::parse(line);  // throws if bad
    EXPECT_EQ(j["budget_points"].get<int64_t>(), 2) << line;
    points.push_back(j["points"]);
  }
  EXPECT_EQ(points, (std::vector<int64_t>{1, 2, 2}));  // rounds of 2, then 1
  const nlohmann::json result =
      nlohmann::json::parse(SlurpFile(dir + "/cp.out"));
  EXPECT_EQ(result["points_evaluated"], 2);
}

// The default budget on ResNet-50 over 16 PE counts runs for minutes.
TEST(DseTool, CosearchCtrlCKeepsTheBestSoFar) {
  const nlohmann::json j =
      InterruptedRun({"dse", "models/resnet50.onnx", "--strategy", "cosearch",
                      "--sweep", "pes=64:1024:64"},
                     "ci");
  ASSERT_TRUE(j.is_object());
  EXPECT_GE(j["points_evaluated"].get<int64_t>(), 1);
  EXPECT_LT(j["points_evaluated"].get<int64_t>(), 8);  // the first round's
}

}  // namespace
