// The JSON of `eval` and of the network command against
// docs/result.schema.json (tests/core/json_schema_testlib.h validates).
#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/dsl/parser.h"
#include "core/engine/network.h"
#include "core/report/result_json.h"
#include "gtest/gtest.h"
#include "pipeline/model_run.h"
#include "pipeline/network_report.h"
#include "tests/core/json_schema_testlib.h"

namespace maestro {
namespace {

using Json = nlohmann::ordered_json;
const std::string kRoot = MO_SOURCE_DIR;

using Validator = test_support::JsonSchemaValidator;
Validator LoadSchema() {
  return test_support::LoadJsonSchema("docs/result.schema.json");
}

Hardware Hw() {
  auto hw = HardwarePreset(kDefaultHardwarePreset);
  EXPECT_TRUE(hw.ok());
  return *hw;
}

TEST(ResultSchemaTest, NetworkCommandJsonConforms) {
  auto lib = DataflowLibrary::Builtin();
  ASSERT_TRUE(lib.ok());
  auto dfs = (*lib)->Select("nvdla,shidiannao");
  ASSERT_TRUE(dfs.ok());
  auto run = RunModel(kRoot + "/models/squeezenet1_1.onnx", {}, *dfs, Hw(), {});
  ASSERT_TRUE(run.ok()) << run.status();
  std::vector<ModelRun> runs;
  runs.push_back(*std::move(run));
  Json j = RunsToJson(runs, Hw());
  auto errors = LoadSchema().Validate(j);
  EXPECT_TRUE(errors.empty())
      << errors.size() << " errors, first: " << errors[0];
  EXPECT_EQ(j["dataflows"].size(), 2u);
  EXPECT_EQ(j["dataflows"][0]["layers"][0]["onnx_op"], "Conv");
  // The comparison block: the table's rows with the same totals.
  const Json& cmp = j["models"][0]["comparison"];
  EXPECT_EQ(cmp["objective"], "latency");
  ASSERT_EQ(cmp["rows"].size(), 3u);
  for (size_t d = 0; d < 2; ++d) {
    EXPECT_EQ(cmp["rows"][d]["dataflow"], j["dataflows"][d]["dataflow"]);
    EXPECT_EQ(cmp["rows"][d]["runtime_cycles"],
              j["dataflows"][d]["totals"]["runtime_cycles"]);
  }
  EXPECT_EQ(cmp["rows"][2]["dataflow"], "per-layer best");
  EXPECT_EQ(cmp["rows"][2]["runtime_cycles"],
            j["models"][0]["per_layer_best"]["totals"]["runtime_cycles"]);
  EXPECT_FALSE(cmp["rows"][2]["ranked"].get<bool>());
  // shidiannao is the faster of the two on squeezenet.
  EXPECT_EQ(cmp["best"], "shidiannao");
  EXPECT_NE(std::find(cmp["rows"][1]["best_of"].begin(),
                      cmp["rows"][1]["best_of"].end(), "runtime_cycles"),
            cmp["rows"][1]["best_of"].end());
}

Json SchemaJson() {
  std::ifstream in(kRoot + "/docs/result.schema.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return Json::parse(ss.str());
}

// A partial run (a dataflow without a DSCONV block beside a complete one):
// every run's totals carry the network summary, and say what is missing.
TEST(ResultSchemaTest, PartialRunTotalsConformAndSayWhatIsMissing) {
  auto lib = DataflowLibrary::Builtin();
  ASSERT_TRUE(lib.ok());
  auto dfs = (*lib)->Select("nvdla," + kRoot +
                            "/tests/data/dataflows/nvdla_no_dsconv.m");
  ASSERT_TRUE(dfs.ok()) << dfs.status();
  auto run = RunModel(kRoot + "/models/mobilenet_v2.onnx", {}, *dfs, Hw(), {});
  ASSERT_TRUE(run.ok()) << run.status();
  std::vector<ModelRun> runs;
  runs.push_back(*std::move(run));
  Json j = RunsToJson(runs, Hw());
  Validator v = LoadSchema();
  auto errors = v.Validate(j);
  EXPECT_TRUE(errors.empty())
      << errors.size() << " errors, first: " << errors[0];
  const Json summary = SchemaJson()["$defs"]["network_summary"];
  for (const Json& d : j["dataflows"]) {
    std::vector<std::string> e;
    v.Check(summary, d["totals"], d["dataflow"].get<std::string>(), e);
    EXPECT_TRUE(e.empty()) << e[0];
  }
  std::vector<std::string> e;
  v.Check(summary, j["models"][0]["per_layer_best"]["totals"], "best", e);
  EXPECT_TRUE(e.empty()) << e[0];
  const Json& full = j["dataflows"][0]["totals"];
  const Json& part = j["dataflows"][1]["totals"];
  EXPECT_EQ(full["partial"], false);
  EXPECT_EQ(full["ranked"], true);
  EXPECT_EQ(part["partial"], true);
  EXPECT_EQ(part["ranked"], false);
  EXPECT_EQ(part["layers"], 53);
  EXPECT_EQ(part["layers_costed"], 36);
  EXPECT_EQ(part["layers_not_costed"], 17);
  EXPECT_EQ(
      part["macs_not_costed"].get<int64_t>() + part["macs"].get<int64_t>(),
      full["macs"].get<int64_t>());
  EXPECT_EQ(j["dataflows"][0]["layers"][0]["exact_model"], "loop-nest");
  Json no_partial = full;
  no_partial.erase("partial");
  e.clear();
  v.Check(summary, no_partial, "totals", e);
  EXPECT_FALSE(e.empty());
}

TEST(ResultSchemaTest, EvalJsonConforms) {
  auto f = LoadMappingFile(
      kRoot + "/tests/data/maestro/inputs/mapping/MobileNetV2_kcp_ws.m");
  ASSERT_TRUE(f.ok()) << f.status();
  auto net = AnalyzeMappingFile(*f, Hw(), AnalysisOptions{});
  ASSERT_TRUE(net.ok()) << net.status();
  std::vector<Layer> layers;
  for (const auto& ml : f->layers) layers.push_back(ml.layer);
  std::vector<std::vector<Layer>> all = {layers};
  Json j = ResultsToJson(Hw(), {*net}, &all);
  auto errors = LoadSchema().Validate(j);
  EXPECT_TRUE(errors.empty())
      << errors.size() << " errors, first: " << errors[0];
}

TEST(ResultSchemaTest, ValidatorRejectsWhatTheSchemaForbids) {
  auto run =
      RunModel(kRoot + "/models/squeezenet1_1.onnx", {},
               *(*DataflowLibrary::Builtin())->Select("nvdla"), Hw(), {});
  ASSERT_TRUE(run.ok());
  std::vector<ModelRun> runs;
  runs.push_back(*std::move(run));
  Json j = RunsToJson(runs, Hw());
  Validator v = LoadSchema();
  Json no_macs = j;
  no_macs["dataflows"][0]["layers"][0].erase("macs");
  EXPECT_FALSE(v.Validate(no_macs).empty());
  Json bad_type = j;
  bad_type["dataflows"][0]["layers"][0]["type"] = "POOL";
  EXPECT_FALSE(v.Validate(bad_type).empty());
  Json bad_version = j;
  bad_version["schema_version"] = 2;
  EXPECT_FALSE(v.Validate(bad_version).empty());
  Json neither = j;
  neither["dataflows"][0]["layers"][0].erase("runtime_cycles");
  EXPECT_FALSE(v.Validate(neither).empty());
}

}  // namespace
}  // namespace maestro
