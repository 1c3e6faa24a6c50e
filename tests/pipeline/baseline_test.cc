#include "pipeline/baseline.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace maestro {
namespace {

using Json = nlohmann::ordered_json;

Json Result() {
  return Json::parse(R"({
    "schema": "maestro-onnx.result", "schema_version": 1,
    "dataflows": [
      {"dataflow": "nvdla", "network": "net",
       "layers": [
         {"name": "conv1", "macs": 1000, "runtime_cycles": 200, "energy_pj": 5.5,
          "l1_size_req": 10, "l2_size_req": 100, "extra": "ignored"},
         {"name": "fc", "macs": 50, "error": "no block for FC"}],
       "totals": {"runtime_cycles": 200, "macs": 1050, "energy_pj": 5.5}}]})");
}

TEST(BaselineTest, SameResultHasNoDifference) {
  BaselineDiff d =
      CompareWithBaseline(MakeBaseline(Result()), MakeBaseline(Result()), 0);
  EXPECT_TRUE(d.ok());
  // conv1: 5 figures, fc: 1, totals: 3.
  EXPECT_EQ(d.compared, 9);
}

TEST(BaselineTest, AMoveBeyondTheToleranceIsReportedWithItsPlace) {
  Json now = Result();
  now["dataflows"][0]["layers"][0]["runtime_cycles"] = 202;  // +1 %
  now["dataflows"][0]["totals"]["runtime_cycles"] = 202;
  BaselineDiff tight =
      CompareWithBaseline(MakeBaseline(Result()), MakeBaseline(now), 0.005);
  ASSERT_EQ(tight.lines.size(), 2u);
  EXPECT_EQ(tight.lines[0],
            "net / nvdla: layer 'conv1': runtime_cycles 200 -> 202 (+1.00%)");
  EXPECT_EQ(tight.lines[1],
            "net / nvdla: totals: runtime_cycles 200 -> 202 (+1.00%)");
  EXPECT_TRUE(
      CompareWithBaseline(MakeBaseline(Result()), MakeBaseline(now), 0.02)
          .ok());
}

TEST(BaselineTest, MissingNewAndNoLongerCostedLayersAreDifferences) {
  Json now = Result();
  auto& layers = now["dataflows"][0]["layers"];
  layers[0]["name"] = "conv1_renamed";
  layers[1].erase("error");
  layers[1]["runtime_cycles"] = 7;
  BaselineDiff d =
      CompareWithBaseline(MakeBaseline(Result()), MakeBaseline(now), 0);
  std::string all;
  for (const auto& l : d.lines) all += l + "\n";
  EXPECT_NE(all.find("layer 'conv1': in the baseline, not in the result"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("layer 'conv1_renamed': new, not in the baseline"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("layer 'fc': now costed"), std::string::npos) << all;
}

TEST(BaselineTest, MissingDataflowIsADifference) {
  Json now = Result();
  now["dataflows"][0]["dataflow"] = "eyeriss";
  BaselineDiff d =
      CompareWithBaseline(MakeBaseline(Result()), MakeBaseline(now), 0);
  ASSERT_EQ(d.lines.size(), 2u);
  EXPECT_EQ(d.lines[0], "net / nvdla: in the baseline, not in the result");
  EXPECT_EQ(d.lines[1], "net / eyeriss: new, not in the baseline");
}

TEST(BaselineTest, SummaryFirstThenCappedDetails) {
  Json now = Result();
  now["hardware"] = {{"name", "pe128"}, {"num_pes", 128}};
  Json old = Result();
  old["hardware"] = {{"name", "pe256"}, {"num_pes", 256}};
  now["dataflows"][0]["layers"][0]["runtime_cycles"] = 400;  // +100 %
  now["dataflows"][0]["layers"][0]["energy_pj"] = 6.05;      // +10 %
  now["dataflows"][0]["totals"]["runtime_cycles"] = 400;
  BaselineDiff d = CompareWithBaseline(MakeBaseline(old), MakeBaseline(now), 0);
  ASSERT_EQ(d.entries.size(), 1u);
  EXPECT_EQ(d.entries[0].key, "net / nvdla");
  EXPECT_EQ(d.entries[0].moved, 3);
  EXPECT_DOUBLE_EQ(d.entries[0].largest_rel, 1.0);
  EXPECT_EQ(d.hardware_changes,
            (std::vector<std::string>{"name 'pe256' -> 'pe128'",
                                      "num_pes 256 -> 128"}));
  std::ostringstream os;
  WriteBaselineDiff(d, "b.json", "0", 1, os);
  EXPECT_EQ(os.str(),
            "baseline b.json: 3 differences beyond tolerance 0 % in 1 network "
            "/ dataflow entry (9 figures compared)\n"
            "  hardware DIFFERS from the baseline's (figures are expected to "
            "move): name 'pe256' -> 'pe128', num_pes 256 -> 128\n"
            "  net / nvdla      3 figures moved; largest layer 'conv1': "
            "runtime_cycles 200 -> 400 (+100.00%)\n"
            "details (first 1 of 3; --verbose for all):\n"
            "  net / nvdla: layer 'conv1': runtime_cycles 200 -> 400 "
            "(+100.00%)\n");
  EXPECT_EQ(DescribeBaseline(MakeBaseline(now)),
            "1 model (net), 1 dataflow (nvdla), hardware pe128");
}

TEST(BaselineTest, ParsesTolerances) {
  EXPECT_DOUBLE_EQ(*ParseTolerance("0.5%"), 0.005);
  EXPECT_DOUBLE_EQ(*ParseTolerance("0.5"), 0.005);  // bare = percentage
  EXPECT_DOUBLE_EQ(*ParseTolerance("5"), 0.05);
  EXPECT_DOUBLE_EQ(*ParseTolerance("5%"), 0.05);
  EXPECT_FALSE(ParseTolerance("101").ok());
  EXPECT_FALSE(ParseTolerance("%").ok());
  EXPECT_FALSE(ParseTolerance("5 %%").ok());
  EXPECT_DOUBLE_EQ(*ParseTolerance("0"), 0);
  EXPECT_FALSE(ParseTolerance("-1%").ok());
  EXPECT_FALSE(ParseTolerance("abc").ok());
  EXPECT_FALSE(ParseTolerance("").ok());
}

TEST(BaselineTest, LoadRejectsNonJson) {
  EXPECT_FALSE(LoadJsonFile("/nonexistent.json").ok());
  auto bad = LoadJsonFile(std::string(MO_SOURCE_DIR) + "/README.md");
  EXPECT_FALSE(bad.ok());
  auto ok = LoadJsonFile(std::string(MO_SOURCE_DIR) +
                         "/tests/data/baselines/resnet18.json");
  EXPECT_TRUE(ok.ok()) << ok.status();
}

// A file holding `text`, removed at the end of the test.
class TextFile {
 public:
  explicit TextFile(const std::string& text) {
    char tmpl[] = "/tmp/mo_baseline_XXXXXX";
    const int fd = mkstemp(tmpl);
    path_ = tmpl;
    std::ofstream(path_, std::ios::binary) << text;
    close(fd);
  }
  ~TextFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string LoadError(const std::string& text) {
  TextFile f(text);
  absl::StatusOr<nlohmann::ordered_json> j = LoadJsonFile(f.path());
  if (j.ok()) return "ok";
  std::string msg(j.status().message());
  return msg.substr(f.path().size());  // without the temporary path
}

TEST(BaselineTest, LoadRejectsWhatIsNotABaseline) {
  // A JSON schema, any object: exit 2, not "new, not in the baseline".
  auto schema =
      LoadJsonFile(std::string(MO_SOURCE_DIR) + "/docs/result.schema.json");
  EXPECT_FALSE(schema.ok());
  EXPECT_EQ(LoadError("{\"hello\": 1}"),
            ": not a baseline: no \"dataflows\" array; expected a baseline or "
            "result JSON written by maestro-onnx");
  EXPECT_EQ(LoadError("{\"dataflows\": [{\"network\": 5}]}"),
            ": not a baseline: dataflows[0].network is 5; expected a string");
  EXPECT_EQ(LoadError("{\"dataflows\": [{\"layers\": [{\"name\": \"a\", "
                      "\"error\": [1, 2]}]}]}"),
            ": not a baseline: dataflows[0].layers[0].error is an array of 2 "
            "elements; expected a string");
  // Invalid UTF-8 (never in a file we wrote: DumpJson replaces it).
  EXPECT_NE(LoadError("{\"dataflows\": [], \"x\": \"\xff\"}")
                .find(":1:25: error: invalid JSON ("),
            std::string::npos);
}

TEST(BaselineTest, LoadBoundsNesting) {
  const std::string deep = "{\"a\": " + std::string(100000, '[') +
                           std::string(100000, ']') + ", \"dataflows\": []}";
  EXPECT_EQ(LoadError(deep),
            ":1:70: error: JSON nested deeper than 64 levels; expected a "
            "baseline or result JSON written by maestro-onnx");
}

}  // namespace
}  // namespace maestro
