// Utilisation counts SIMD lanes (issue 9: `--simd 16` on resnet18 under
// ykp_os printed 174.7 %, 306 % on its first layer).
#include <sstream>

#include "gtest/gtest.h"
#include "mappings/library.h"
#include "pipeline/model_run.h"
#include "pipeline/network_report.h"

namespace maestro {
namespace {

TEST(SimdUtilisation, IsMacsOverPesTimesLanesTimesCycles) {
  Hardware hw = *HardwarePreset("pe256");
  hw.simd_lanes = 16;
  auto dfs = (*DataflowLibrary::Builtin())->Select("ykp_os");
  ASSERT_TRUE(dfs.ok());
  auto run = RunModel(std::string(MO_SOURCE_DIR) + "/models/resnet18.onnx", {},
                      *dfs, hw, {});
  ASSERT_TRUE(run.ok()) << run.status();
  const NetworkResult& net = run->runs[0].net;
  ASSERT_GT(net.totals.runtime_cycles, 0);
  const double expected = static_cast<double>(net.totals.macs) /
                          (256.0 * 16.0 * net.totals.runtime_cycles);
  EXPECT_DOUBLE_EQ(net.totals.utilization, expected);
  EXPECT_LE(net.totals.utilization, 1.0);
  for (const LayerResult& l : net.layers) {
    EXPECT_LE(static_cast<double>(l.macs) / (256.0 * 16.0 * l.runtime_cycles),
              1.0)
        << l.name;
  }
  std::ostringstream table;
  WriteRunsTable({*run}, hw, table);
  EXPECT_NE(table.str().find("(MACs / (PEs x SIMD lanes x cycles))"),
            std::string::npos);
}

}  // namespace
}  // namespace maestro
