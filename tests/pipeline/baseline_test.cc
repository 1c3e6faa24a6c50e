#include "pipeline/baseline.h"

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

TEST(BaselineTest, ParsesTolerances) {
  EXPECT_DOUBLE_EQ(*ParseTolerance("0.5%"), 0.005);
  EXPECT_DOUBLE_EQ(*ParseTolerance("0.01"), 0.01);
  EXPECT_DOUBLE_EQ(*ParseTolerance("0"), 0);
  EXPECT_FALSE(ParseTolerance("-1%").ok());
  EXPECT_FALSE(ParseTolerance("abc").ok());
  EXPECT_FALSE(ParseTolerance("").ok());
}

TEST(BaselineTest, LoadRejectsNonJson) {
  EXPECT_FALSE(LoadJsonFile("/nonexistent.json").ok());
  auto j =
      LoadJsonFile(std::string(MO_SOURCE_DIR) + "/docs/result.schema.json");
  EXPECT_TRUE(j.ok());
  auto bad = LoadJsonFile(std::string(MO_SOURCE_DIR) + "/README.md");
  EXPECT_FALSE(bad.ok());
}

}  // namespace
}  // namespace maestro
