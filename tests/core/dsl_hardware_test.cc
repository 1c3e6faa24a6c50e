// Hardware presets, MAESTRO .m and JSON hardware files, validation and the
// default energy table (core/hardware.h).
#include "core/hardware.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace maestro {
namespace {

using ::testing::HasSubstr;

TEST(DslHardware, Presets) {
  std::vector<absl::string_view> names = HardwarePresetNames();
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names[0], kDefaultHardwarePreset);
  for (absl::string_view n : names) {
    absl::StatusOr<Hardware> hw = HardwarePreset(n);
    ASSERT_TRUE(hw.ok()) << n;
    EXPECT_TRUE(ValidateHardware(*hw).ok()) << n;
    EXPECT_EQ(hw->name, n);
  }
  Hardware acc1 = *HardwarePreset("maestro-acc1");
  EXPECT_EQ(acc1.num_pes, 256);
  EXPECT_EQ(acc1.l1_size, 100);
  EXPECT_EQ(acc1.l2_size, 3000);
  EXPECT_EQ(acc1.noc_bw, 1000);
  EXPECT_EQ(acc1.offchip_bw, 50);
  Hardware pe1024 = *HardwarePreset("pe1024");
  EXPECT_EQ(pe1024.l2_size, 2097152);
  EXPECT_EQ(pe1024.offchip_bw, 256);
  absl::StatusOr<Hardware> bad = HardwarePreset("pe7");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()),
              HasSubstr("pe256, pe64, pe1024"));
}

TEST(DslHardware, DefaultEnergyTable) {
  EnergyTable e = DefaultEnergyTable(1);
  EXPECT_DOUBLE_EQ(e.mac_pj, 0.23);  // Horowitz int8 mult 0.2 + add 0.03
  EXPECT_DOUBLE_EQ(e.l1_read_pj, 0.23);
  EXPECT_DOUBLE_EQ(e.noc_pj, 0.46);
  EXPECT_DOUBLE_EQ(e.l2_write_pj, 1.38);
  EXPECT_DOUBLE_EQ(e.dram_pj, 46.0);
  EnergyTable w = DefaultEnergyTable(4);
  EXPECT_DOUBLE_EQ(w.mac_pj, 0.2 * 16 + 0.03 * 4);
  EXPECT_DOUBLE_EQ(w.l2_read_pj, 1.38 * 4);
}

TEST(DslHardware, MaestroFileWithOurKeysAndCrlf) {
  absl::StatusOr<Hardware> hw = ParseHardwareText(
      "// acc\r\nnum_pes: 64\r\nl1_size_cstr: 512\r\nNoC_NumHops: 3\r\n"
      "simd_lanes 4\r\nbytes_per_element = 2;\r\nmac_pj: 0.5\r\n",
      "h.m");
  ASSERT_TRUE(hw.ok()) << hw.status();
  EXPECT_EQ(hw->num_pes, 64);
  EXPECT_EQ(hw->l1_size, 512);
  EXPECT_EQ(hw->l2_size, 524288);  // default
  EXPECT_EQ(hw->noc_latency, 3);
  EXPECT_EQ(hw->simd_lanes, 4);
  EXPECT_EQ(hw->bytes_per_element, 2);
  EXPECT_DOUBLE_EQ(hw->energy.mac_pj, 0.5);           // given
  EXPECT_DOUBLE_EQ(hw->energy.l2_read_pj, 1.38 * 2);  // default for 2 bytes
  EXPECT_EQ(hw->name, "h.m");
}

TEST(DslHardware, JsonFile) {
  absl::StatusOr<Hardware> hw = ParseHardwareText(
      R"({"name": "acc", "num_pes": 128, "l2_size_cstr": 4096, "noc_latency": 0,
          "clock_ghz": 1.5, "energy": {"dram_pj": 100}})",
      "h.json");
  ASSERT_TRUE(hw.ok()) << hw.status();
  EXPECT_EQ(hw->name, "acc");
  EXPECT_EQ(hw->num_pes, 128);
  EXPECT_EQ(hw->l2_size, 4096);
  EXPECT_EQ(hw->noc_latency, 0);
  EXPECT_DOUBLE_EQ(hw->clock_ghz, 1.5);
  EXPECT_DOUBLE_EQ(hw->energy.dram_pj, 100);
  EXPECT_DOUBLE_EQ(hw->energy.mac_pj, 0.23);
}

TEST(DslHardware, ErrorsNameFileLineAndKey) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"num_pes: 4\nl1_size_cstr: 1.5\n",
       "h:2:1: error: l1_size_cstr is '1.5'; expected a whole number"},
      {"num_pes: 4\n  offchip_bw_cstr: 0\n",
       "h:2:3: error: offchip_bw_cstr is 0; expected an integer from 1 to "
       "1099511627776"},
      {"num_pes: 4\nnum_pes: 8\n",
       "h:2:1: error: num_pes is given twice (first as num_pes at line 1); "
       "expected each key once"},
      {"pes: 4\n",
       "h:1:1: error: unknown hardware key 'pes'; expected one of "},
      {"num_pes:\n",
       "h:1:1: error: key num_pes has no value; expected 'num_pes: <value>'"},
      {"{\n \"num_pes\": 99999999999999999999\n}",
       "h:2:2: error: num_pes is 1e+20; expected a whole number"},
      {"{\n \"bytes_per_element\": 32\n}",
       "h:2:2: error: bytes_per_element is 32; expected an integer from 1 to "
       "16"},
      {"{\n \"clock_ghz\": -1\n}",
       "h:2:2: error: clock_ghz is -1; expected a frequency in GHz, > 0 and <= "
       "1000"},
      {"[1]", "h:1:1: error: the JSON value is array; expected an object"},
      {"", "h: error: no hardware keys"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<Hardware> hw = ParseHardwareText(c.text, "h");
    ASSERT_FALSE(hw.ok()) << c.text;
    EXPECT_THAT(std::string(hw.status().message()), HasSubstr(c.message))
        << c.text;
  }
}

TEST(DslHardware, Validate) {
  Hardware hw = *HardwarePreset("pe64");
  EXPECT_TRUE(ValidateHardware(hw).ok());
  hw.energy.noc_pj = -1;
  absl::Status st = ValidateHardware(hw);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(
      st.message(),
      "error: hardware 'pe64': noc_pj is -1; expected an energy in pJ, >= 0 "
      "and <= 1e9");
  EXPECT_FALSE(LoadHardwareFile("/nonexistent/hw.m").ok());
}

}  // namespace
}  // namespace maestro
