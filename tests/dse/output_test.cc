// The dse outputs: the JSON against docs/dse.schema.json, pareto.csv,
// MAESTRO's hardware form, and the table's sections.
#include "dse/output.h"

#include <sstream>

#include "dse/cosearch.h"
#include "dse/sweep.h"
#include "frontend/onnx_frontend.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "pipeline/model_run.h"
#include "tests/core/json_schema_testlib.h"

namespace maestro::dse {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::ordered_json;
const std::string kRoot = MO_SOURCE_DIR;

struct SweepRun {
  DseProblem problem;
  DseOptions options;
  DseResult result;
};

SweepRun Sweep(const std::string& grid, const std::string& constraints) {
  SweepRun r;
  absl::StatusOr<frontend::ExtractedModel> m =
      frontend::LoadOnnxModel(kRoot + "/models/resnet18.onnx", {});
  EXPECT_TRUE(m.ok()) << m.status();
  r.problem.name = "resnet18";
  r.problem.layers = JobLayersFromModel(*m);
  r.problem.base = *HardwarePreset("pe256");
  r.options.grid = *ParseSweepGrid(grid);
  r.options.constraints = *ParseDseConstraints(constraints);
  absl::StatusOr<DseResult> res = RunSweep(r.problem, r.options);
  EXPECT_TRUE(res.ok()) << res.status();
  r.result = *res;
  return r;
}

std::vector<std::string> Validate(const Json& doc) {
  return test_support::LoadJsonSchema("docs/dse.schema.json").Validate(doc);
}

// RunDse's cosearch result: the same schema, the evaluation counts filled.
TEST(DseSchema, CosearchJsonConforms) {
  SweepRun r = Sweep("pes=64", "");  // the problem
  r.options.strategy = DseStrategy::kCosearch;
  r.options.grid = *ParseSweepGrid("pes=64|128,noc_bw=16|64");
  r.options.constraints = *ParseDseConstraints("area<=3e6");
  r.options.budget_evals = 30000;
  absl::StatusOr<DseResult> res = RunDse(r.problem, r.options);
  ASSERT_TRUE(res.ok()) << res.status();
  const Json j = DseToJson(r.problem, r.options, *res);
  const std::vector<std::string> errors = Validate(j);
  EXPECT_TRUE(errors.empty())
      << errors.size() << " errors, first: " << errors[0];
  EXPECT_EQ(j["config"]["strategy"], "cosearch");
  EXPECT_EQ(j["screen_evals"], 48);  // 4 points x 12 unique layers
  EXPECT_GT(j["inner_evals"].get<int64_t>(), 0);
  EXPECT_LE(j["screen_evals"].get<int64_t>() + j["inner_evals"].get<int64_t>(),
            30000);
  EXPECT_EQ(j["best"]["runtime_cycles"], res->best.fig.runtime_cycles);
  EXPECT_FALSE(res->best_mappings.empty());
}

TEST(DseSchema, JsonConforms) {
  const SweepRun r = Sweep("pes=64:256:64,noc_bw=16|64", "");
  const Json j = DseToJson(r.problem, r.options, r.result);
  const std::vector<std::string> errors = Validate(j);
  EXPECT_TRUE(errors.empty())
      << errors.size() << " errors, first: " << errors[0];
  for (const char* f :
       {"pes", "l1_size", "l2_size", "noc_bw", "offchip_bw", "runtime_cycles",
        "energy_pj", "area_um2", "power_mw"}) {
    EXPECT_TRUE(j["best"].contains(f)) << f;
  }
  EXPECT_EQ(j["points_evaluated"], 8);
  Json bad = j;
  bad["pareto"][0]["pes"] = "many";
  EXPECT_FALSE(Validate(bad).empty());
  // No valid point: best is the closest one, found false, still conforming.
  const SweepRun none = Sweep("pes=64|128", "latency<=10");
  const Json n = DseToJson(none.problem, none.options, none.result);
  EXPECT_EQ(n["found"], false);
  EXPECT_TRUE(Validate(n).empty());
}

TEST(DseOutput, ParetoCsvHasOneLinePerFrontPoint) {
  const SweepRun r = Sweep("pes=64:512:64,noc_bw=8|32|128", "");
  const std::string csv = ParetoCsv(r.result);
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line,
            "runtime_cycles,energy_pj,area_um2,power_mw,edp,pes,l1_size,"
            "l2_size,noc_bw,offchip_bw");
  size_t rows = 0;
  while (std::getline(in, line)) ++rows;
  EXPECT_EQ(rows, r.result.pareto.size());
  EXPECT_GE(rows, 2u);  // more PEs buy runtime with area
}

TEST(DseOutput, MaestroHardwareTextReadsBack) {
  Hardware h = *HardwarePreset("pe256");
  h.num_pes = 448;
  h.l1_size = 96;
  h.l2_size = 70000;
  h.noc_bw = 24;
  h.offchip_bw = 12;
  h.noc_latency = 2;
  const std::string text = MaestroHardwareText(h);
  EXPECT_EQ(text,
            "num_pes: 448\nl1_size_cstr: 96\nl2_size_cstr: 70000\n"
            "noc_bw_cstr: 24\noffchip_bw_cstr: 12\nNoC_NumHops: 2\n");
  absl::StatusOr<Hardware> back = ParseHardwareText(text, "best-hw.m");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(PointOf(*back).pes, 448);
  EXPECT_EQ(back->noc_latency, 2);
}

TEST(DseOutput, TableHasRankingFrontAndLegend) {
  const SweepRun r = Sweep("pes=64:256:64,noc_bw=16|64", "area<=4e6");
  std::ostringstream os;
  WriteDseTable(r.problem, r.options, r.result, os);
  const std::string t = os.str();
  EXPECT_THAT(t, HasSubstr("8 design points evaluated"));
  EXPECT_THAT(t, HasSubstr("constraints area<=4e+06"));
  EXPECT_THAT(t, HasSubstr("Best "));
  EXPECT_THAT(t, HasSubstr("Pareto front of (runtime, energy, area)"));
  EXPECT_THAT(t, HasSubstr("How to read it"));
}

}  // namespace
}  // namespace maestro::dse
