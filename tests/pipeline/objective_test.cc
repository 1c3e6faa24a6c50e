// The per-layer best by the objective the user names (--objective): each
// layer's pick minimises that objective among the dataflows that fit the
// buffers, and the report says which objective it used.
#include <sstream>

#include "gtest/gtest.h"
#include "pipeline/model_run.h"
#include "pipeline/network_report.h"

namespace maestro {
namespace {

const std::string kRoot = MO_SOURCE_DIR;

ModelRun RunAlexnet(Objective o) {
  auto hw = HardwarePreset(kDefaultHardwarePreset);
  auto lib = DataflowLibrary::Builtin();
  auto dfs = (*lib)->Select("all");
  JobOptions job;
  job.objective = o;
  auto run = RunModel(kRoot + "/models/alexnet.onnx", {}, *dfs, *hw, job);
  EXPECT_TRUE(run.ok()) << run.status();
  return *std::move(run);
}

double Value(Objective o, const LayerResult& r) {
  return ObjectiveValue(o, static_cast<double>(r.runtime_cycles), r.energy_pj);
}

TEST(ObjectiveTest, EachLayerPicksTheLowestValueOfTheObjective) {
  for (Objective o :
       {Objective::kLatency, Objective::kEnergy, Objective::kEdp}) {
    const ModelRun m = RunAlexnet(o);
    EXPECT_EQ(m.best.objective, o);
    for (size_t i = 0; i < m.layers.size(); ++i) {
      const int pick = m.best.dataflow_index[i];
      ASSERT_GE(pick, 0);
      const LayerResult& b = m.runs[pick].layers[i].result;
      for (const DataflowRun& r : m.runs) {
        const LayerResult& x = r.layers[i].result;
        if (!x.fits_l1 || !x.fits_l2) continue;  // all of alexnet's fit
        EXPECT_LE(Value(o, b), Value(o, x))
            << ObjectiveName(o) << " layer " << i << " " << r.dataflow;
      }
    }
  }
  // The energy pick spends no more energy in total than the latency pick,
  // and takes no fewer cycles.
  const ModelRun lat = RunAlexnet(Objective::kLatency),
                 en = RunAlexnet(Objective::kEnergy);
  EXPECT_LE(en.best.net.totals.energy_pj, lat.best.net.totals.energy_pj);
  EXPECT_GE(en.best.net.totals.runtime_cycles,
            lat.best.net.totals.runtime_cycles);
  EXPECT_LT(en.best.net.totals.energy_pj, lat.best.net.totals.energy_pj);
}

TEST(ObjectiveTest, TheReportSaysWhichObjective) {
  auto hw = HardwarePreset(kDefaultHardwarePreset);
  std::ostringstream os;
  WriteRunsTable({RunAlexnet(Objective::kEdp)}, *hw, os);
  EXPECT_NE(os.str().find("per-layer best by edp (a reconfigurable "
                          "accelerator choosing per layer the least energy x "
                          "cycles,"),
            std::string::npos)
      << os.str();
  const nlohmann::ordered_json j =
      RunsToJson({RunAlexnet(Objective::kEnergy)}, *hw);
  EXPECT_EQ(j["models"][0]["per_layer_best"]["objective"], "energy");
  EXPECT_EQ(j["models"][0]["comparison"]["objective"], "energy");
}

TEST(ObjectiveTest, ParsesItsNames) {
  EXPECT_EQ(ParseObjective("edp"), Objective::kEdp);
  EXPECT_EQ(ObjectiveName(*ParseObjective("energy")), "energy");
  EXPECT_FALSE(ParseObjective("speed").has_value());
  EXPECT_DOUBLE_EQ(ObjectiveValue(Objective::kEdp, 10, 2.5), 25);
}

}  // namespace
}  // namespace maestro
