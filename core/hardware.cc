#include "core/hardware.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/dsl/hardware_text.h"
#include "core/user_file.h"

namespace maestro {

// Horowitz, "Computing's energy problem", ISSCC 2014 (45 nm, 0.9 V): 8-bit
// integer multiply 0.2 pJ, 8-bit add 0.03 pJ. Memory, NoC and DRAM costs are
// Eyeriss' normalized energies (Chen et al., ISCA 2016, Fig. 4): relative to
// one MAC, a register-file (L1) access costs 1x, a PE-to-PE / NoC transfer
// 2x, a global-buffer (L2) access 6x and a DRAM access 200x. Data movement
// scales with the element width; the multiplier with its square (Horowitz:
// 32-bit multiply 3.1 pJ ~ 16 x 0.2), the adder linearly.
absl::string_view AreaModelName(AreaModelKind kind) {
  switch (kind) {
    case AreaModelKind::kMaestro:
      return "maestro";
    case AreaModelKind::kDigamma:
      return "digamma";
    default:
      return "default";
  }
}

std::optional<AreaModelKind> ParseAreaModelKind(absl::string_view name) {
  for (AreaModelKind k : {AreaModelKind::kDefault, AreaModelKind::kMaestro,
                          AreaModelKind::kDigamma}) {
    if (name == AreaModelName(k)) return k;
  }
  return std::nullopt;
}

EnergyTable DefaultEnergyTable(int64_t bytes_per_element) {
  const double b =
      static_cast<double>(bytes_per_element < 1 ? 1 : bytes_per_element);
  constexpr double kMac8 = 0.2 + 0.03;  // pJ per int8 MAC
  EnergyTable e;
  e.mac_pj = 0.2 * b * b + 0.03 * b;
  e.l1_read_pj = 1.0 * kMac8 * b;
  e.l1_write_pj = 1.0 * kMac8 * b;
  e.noc_pj = 2.0 * kMac8 * b;
  e.l2_read_pj = 6.0 * kMac8 * b;
  e.l2_write_pj = 6.0 * kMac8 * b;
  e.dram_pj = 200.0 * kMac8 * b;
  return e;
}

namespace {

struct Preset {
  absl::string_view name;
  int64_t num_pes, l1, l2, noc_bw, offchip_bw;
};

// The first is the default. Numbers of MAESTRO's reference hardware files
// (tests/data/maestro/inputs/hw/).
constexpr Preset kPresets[] = {
    {"pe256", 256, 1024, 524288, 128, 64},
    {"pe64", 64, 512, 131072, 32, 16},
    {"pe1024", 1024, 2048, 2097152, 512, 256},
    {"maestro-acc1", 256, 100, 3000, 1000, 50},
    {"tiny4", 4, 100, 3000, 1000, 1000},
    {"tiny16", 16, 100, 3000, 4, 1000},
};

}  // namespace

std::vector<absl::string_view> HardwarePresetNames() {
  std::vector<absl::string_view> names;
  for (const Preset& p : kPresets) names.push_back(p.name);
  return names;
}

absl::StatusOr<Hardware> HardwarePreset(absl::string_view name) {
  for (const Preset& p : kPresets) {
    if (p.name != name) continue;
    Hardware hw;
    hw.name = std::string(p.name);
    hw.num_pes = p.num_pes;
    hw.l1_size = p.l1;
    hw.l2_size = p.l2;
    hw.noc_bw = p.noc_bw;
    hw.noc_latency = 1;
    hw.offchip_bw = p.offchip_bw;
    hw.simd_lanes = 1;
    hw.bytes_per_element = 1;
    hw.clock_ghz = 1.0;
    hw.energy = DefaultEnergyTable(1);
    return hw;
  }
  return absl::NotFoundError(absl::StrCat(
      "unknown hardware preset '", name, "'; expected one of ",
      absl::StrJoin(HardwarePresetNames(), ", "), " or a hardware file"));
}

absl::Status ValidateHardwareKeyed(const Hardware& hw, std::string* key) {
  auto bad = [&](absl::string_view k, const std::string& found,
                 absl::string_view expected) {
    if (key) *key = std::string(k);
    return absl::InvalidArgumentError(
        absl::StrCat(k, " is ", found, "; expected ", expected));
  };
  struct IntKey {
    absl::string_view name;
    int64_t v, lo, hi;
  };
  const IntKey ints[] = {
      {"num_pes", hw.num_pes, 1, kMaxHardwareCount},
      {"l1_size", hw.l1_size, 1, kMaxHardwareCount},
      {"l2_size", hw.l2_size, 1, kMaxHardwareCount},
      {"noc_bw", hw.noc_bw, 1, kMaxHardwareCount},
      {"noc_latency", hw.noc_latency, 0, kMaxHardwareCount},
      {"offchip_bw", hw.offchip_bw, 1, kMaxHardwareCount},
      {"simd_lanes", hw.simd_lanes, 1, kMaxHardwareCount},
      {"bytes_per_element", hw.bytes_per_element, 1, 16},
  };
  for (const IntKey& k : ints) {
    if (k.v < k.lo || k.v > k.hi) {
      return bad(k.name, absl::StrCat(k.v),
                 absl::StrCat("an integer from ", k.lo, " to ", k.hi));
    }
  }
  if (!(hw.clock_ghz > 0 && hw.clock_ghz <= 1000)) {
    return bad("clock_ghz", absl::StrCat(hw.clock_ghz),
               "a frequency in GHz, > 0 and <= 1000");
  }
  const std::pair<absl::string_view, double> energies[] = {
      {"mac_pj", hw.energy.mac_pj},
      {"l1_read_pj", hw.energy.l1_read_pj},
      {"l1_write_pj", hw.energy.l1_write_pj},
      {"l2_read_pj", hw.energy.l2_read_pj},
      {"l2_write_pj", hw.energy.l2_write_pj},
      {"noc_pj", hw.energy.noc_pj},
      {"dram_pj", hw.energy.dram_pj},
  };
  for (const auto& [name, v] : energies) {
    if (!(std::isfinite(v) && v >= 0 && v <= 1e9)) {
      return bad(name, absl::StrCat(v), "an energy in pJ, >= 0 and <= 1e9");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateHardware(const Hardware& hw) {
  absl::Status st = ValidateHardwareKeyed(hw, nullptr);
  if (st.ok()) return st;
  return absl::InvalidArgumentError(
      absl::StrCat("error: hardware",
                   hw.name.empty() ? "" : absl::StrCat(" '", hw.name, "'"),
                   ": ", st.message()));
}

absl::StatusOr<Hardware> LoadHardwareFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadUserFile(
      path, {"hardware file", "a readable MAESTRO hardware .m or JSON file",
             kMaxHardwareFileBytes});
  if (!text.ok()) return text.status();
  return ParseHardwareText(*text, path);
}

}  // namespace maestro
