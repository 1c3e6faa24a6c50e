// The accelerator description: PE array, buffers, NoC, off-chip link and the
// energy table.
//
// Example:
//   absl::StatusOr<Hardware> hw = HardwarePreset("pe256");
//   hw->num_pes = 1024;                            // a flag overrides
//   absl::StatusOr<Hardware> f = LoadHardwareFile("acc.m");   // MAESTRO file
//   absl::StatusOr<Hardware> y = LoadHardwareFile("acc.yaml"); // ours
//
// Sizes are in elements (element width `bytes_per_element`, default 1),
// bandwidths in elements per cycle, energies in pJ per access/operation.
#ifndef MAESTRO_ONNX_CORE_HARDWARE_H_
#define MAESTRO_ONNX_CORE_HARDWARE_H_

#include <cstdint>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"

namespace maestro {

// Per-access energies in pJ for one element of `bytes_per_element` bytes.
// Defaults and their sources are documented in docs/hardware.md.
struct EnergyTable {
  double mac_pj = 0;
  double l1_read_pj = 0;
  double l1_write_pj = 0;
  double l2_read_pj = 0;
  double l2_write_pj = 0;
  double noc_pj = 0;   // per element per transfer over the NoC
  double dram_pj = 0;  // per element read or written off-chip
};

// Which area / power model costs the design (core/area_model.h; parameters
// and sources in docs/hardware.md). Like the energy table, a technology
// choice that travels with the hardware.
enum class AreaModelKind : uint8_t { kDefault, kMaestro, kDigamma };
absl::string_view AreaModelName(AreaModelKind kind);  // "default", ...
std::optional<AreaModelKind> ParseAreaModelKind(absl::string_view name);

struct Hardware {
  std::string name;             // preset name or file path
  int64_t num_pes = 256;
  int64_t l1_size = 1024;       // elements, per PE
  int64_t l2_size = 524288;     // elements, shared
  int64_t noc_bw = 128;         // elements/cycle, every level
  int64_t noc_latency = 1;      // cycles per transfer (MAESTRO's NoC_NumHops)
  int64_t offchip_bw = 64;      // elements/cycle
  int64_t simd_lanes = 1;       // MACs per PE per cycle
  int64_t bytes_per_element = 1;
  double clock_ghz = 1.0;       // for cycles -> seconds
  EnergyTable energy;
  AreaModelKind area_model = AreaModelKind::kDefault;
};

// The most MACs the hardware does per cycle: every PE's SIMD lanes busy.
// Utilisation is MACs / (PeakMacsPerCycle * cycles), at most 1.
inline double PeakMacsPerCycle(const Hardware& hw) {
  return static_cast<double>(hw.num_pes) * static_cast<double>(hw.simd_lanes);
}

// The default energy table for elements of `bytes_per_element` bytes (1 =
// int8): Horowitz (ISSCC 2014, 45 nm) for the MAC, Eyeriss' normalized
// access costs (ISCA 2016) for the rest. Sources in docs/hardware.md.
EnergyTable DefaultEnergyTable(int64_t bytes_per_element = 1);

// Names of the built-in presets; the first is the default.
std::vector<absl::string_view> HardwarePresetNames();
absl::StatusOr<Hardware> HardwarePreset(absl::string_view name);
inline constexpr absl::string_view kDefaultHardwarePreset = "pe256";

// Reads a MAESTRO hardware `.m` file (`num_pes: 256` lines) or a YAML/JSON
// file of ours (keys documented in docs/hardware.md), chosen by content.
absl::StatusOr<Hardware> ParseHardwareText(absl::string_view text,
                                           absl::string_view filename);
absl::StatusOr<Hardware> LoadHardwareFile(const std::string& path);

// Checks positivity and consistency; errors name the offending key.
absl::Status ValidateHardware(const Hardware& hw);

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_HARDWARE_H_
