// The area / power models: hand-computed figures from the documented
// parameters (docs/hardware.md), MAESTRO's model bit-identical to the
// engine's per-layer area, and the hardware file key.
#include "core/area_model.h"

#include "core/dsl/hardware_text.h"
#include "core/engine/hardware_cost.h"
#include "core/report/result_json.h"
#include "gtest/gtest.h"

namespace maestro {
namespace {

Hardware Pe256() { return *HardwarePreset("pe256"); }

TEST(AreaModel, DefaultMacFollowsHorowitzAt8And32Bits) {
  const AreaModel m = MakeAreaModel(AreaModelKind::kDefault);
  EXPECT_NEAR(MacAreaUm2(m, 1), 282.0 + 36.0, 1e-9);    // int8
  EXPECT_NEAR(MacAreaUm2(m, 4), 3495.0 + 137.0, 1e-9);  // int32
  // 16 bits: the power law between the two points (python: 1062.997...).
  EXPECT_NEAR(MacAreaUm2(m, 2), 1062.9970547, 1e-6);
}

TEST(AreaModel, DefaultPe256ByHand) {
  // 256 x 318 um^2 of MACs; SRAM 8 x 0.346 / 0.7 um^2 per byte over
  // 256 x 1024 B of L1 and 524288 B of L2; no NoC term.
  const AreaEstimate a =
      EstimateArea(Pe256(), MakeAreaModel(AreaModelKind::kDefault),
                   BufferSizes::Configured(Pe256()));
  EXPECT_DOUBLE_EQ(a.mac_um2, 81408.0);
  EXPECT_NEAR(a.l1_um2, 1036592.2742857, 1e-4);
  EXPECT_NEAR(a.l2_um2, 2073184.5485714, 1e-4);
  EXPECT_EQ(a.noc_um2, 0.0);
  EXPECT_NEAR(a.total_um2, a.mac_um2 + a.l1_um2 + a.l2_um2, 1e-6);
  EXPECT_EQ(a.static_power_mw, 0.0);
}

TEST(AreaModel, WiderElementsCostMoreSramPerElement) {
  Hardware hw = Pe256();
  const AreaModel m = MakeAreaModel(AreaModelKind::kDefault);
  const double one = EstimateArea(hw, m, BufferSizes::Configured(hw)).l2_um2;
  hw.bytes_per_element = 2;
  const double two = EstimateArea(hw, m, BufferSizes::Configured(hw)).l2_um2;
  EXPECT_DOUBLE_EQ(two, 2 * one);
}

TEST(AreaModel, MaestroModelByHandAndAsTheEngineComputesIt) {
  const Hardware hw = Pe256();
  const AreaEstimate a = EstimateArea(
      hw, MakeAreaModel(AreaModelKind::kMaestro), BufferSizes{1024, 524288});
  // 256 (283 + 0.104 x 1024) + 0.104 x 524288 + bus + arbiter (python).
  EXPECT_NEAR(a.total_um2, 83390252.2417898, 1e-3);
  EXPECT_NEAR(a.static_power_mw, 3442.60421858, 1e-6);
  const engine::AreaPower ap = engine::MaestroAreaPower(hw, 1024, 524288);
  EXPECT_EQ(ap.area_um2, a.total_um2);
  EXPECT_EQ(ap.power_mw, a.static_power_mw);
}

TEST(AreaModel, DigammaIsMacsAndSramBitsOnly) {
  const AreaEstimate a =
      EstimateArea(Pe256(), MakeAreaModel(AreaModelKind::kDigamma),
                   BufferSizes{1024, 524288});
  EXPECT_NEAR(a.total_um2, 282.0 * 256 + 0.086 * 8 * (1024.0 * 256 + 524288),
              1e-6);
  EXPECT_EQ(a.noc_um2, 0.0);
}

TEST(AreaModel, AveragePowerIsEnergyOverTime) {
  EXPECT_DOUBLE_EQ(AveragePowerMw(1000.0, 1000, 1.0), 1.0);  // 1 pJ/ns
  EXPECT_DOUBLE_EQ(AveragePowerMw(1000.0, 1000, 2.0), 2.0);
  EXPECT_EQ(AveragePowerMw(1000.0, 0, 1.0), 0.0);
  AreaEstimate with_module;
  with_module.static_power_mw = 5;
  EXPECT_EQ(DesignPowerMw(with_module, 1000.0, 1000, 1.0), 5.0);
}

TEST(AreaModel, ParseNamesTheChoices) {
  EXPECT_TRUE(ParseAreaModel("maestro").ok());
  absl::StatusOr<AreaModel> bad = ParseAreaModel("cacti");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "unknown area model 'cacti'; expected one of default, maestro, "
            "digamma");
}

TEST(AreaModel, HardwareFileKeyRoundTrips) {
  absl::StatusOr<Hardware> hw = ParseHardwareText(
      R"({"num_pes": 64, "area_model": "maestro"})", "a.json");
  ASSERT_TRUE(hw.ok()) << hw.status();
  EXPECT_EQ(hw->area_model, AreaModelKind::kMaestro);
  absl::StatusOr<Hardware> back =
      ParseHardwareText(HardwareToJson(*hw).dump(), "b.json");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->area_model, AreaModelKind::kMaestro);
  absl::StatusOr<Hardware> m =
      ParseHardwareText("area_model: digamma\n", "h.m");
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->area_model, AreaModelKind::kDigamma);
}

TEST(AreaModel, BadHardwareFileValueIsLocated) {
  absl::StatusOr<Hardware> hw =
      ParseHardwareText("num_pes: 4\narea_model: cacti\n", "h.m");
  ASSERT_FALSE(hw.ok());
  EXPECT_EQ(hw.status().message(),
            "h.m:2:1: error: area_model is 'cacti'; expected one of default, "
            "maestro, digamma");
}

}  // namespace
}  // namespace maestro
