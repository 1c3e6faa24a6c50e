// Area and power of an accelerator, as values: which model, its parameters,
// and the estimate for a hardware with given buffer sizes.
//
// Example:
//   absl::StatusOr<AreaModel> m = ParseAreaModel("default");
//   AreaEstimate a = EstimateArea(hw, *m, BufferSizes::Configured(hw));
//   a.total_um2;          // PEs' MACs + L1 + L2 + NoC
//   a.static_power_mw;    // module power (maestro model), 0 otherwise
//   double p = AveragePowerMw(energy_pj, cycles, hw.clock_ghz);
//
// Three models (docs/hardware.md gives every parameter's source):
// - `default`: 45 nm, the technology of the default energy table (Horowitz,
//   ISSCC 2014 for the MAC; a 45 nm 6T SRAM cell for the buffers). The NoC
//   is not costed. Power is the run's average power, energy / time; leakage
//   is not modelled.
// - `maestro`: MAESTRO's DSE module model (MAC 283 um^2 / 1.2223 mW, SRAM
//   0.104 um^2 / 0.00345 mW per element, bus and matrix arbiter), whose power
//   is a per-design module sum.
// - `digamma`: DiGamma's area (282 um^2 per int8 MAC, 0.086 um^2 per SRAM
//   bit), no NoC term; power as in `default`.
#ifndef MAESTRO_ONNX_CORE_AREA_MODEL_H_
#define MAESTRO_ONNX_CORE_AREA_MODEL_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/hardware.h"

namespace maestro {

// The parameters of one model. The MAC lane's area depends on the element
// width under `default` (MacAreaUm2); SRAM is costed per element (maestro,
// which has no element width) or per byte of capacity.
struct AreaModel {
  AreaModelKind kind = AreaModelKind::kDefault;
  double sram_um2 = 0;            // per element or per byte, see below
  bool sram_per_element = false;  // else per byte
  double sram_mw = 0;             // module power per SRAM unit (0 = none)
  double mac_mw = 0;              // module power per MAC lane (0 = none)
  bool noc = true;                // the NoC (bus + arbiter) is costed
};

std::vector<absl::string_view> AreaModelNames();
// "default", "maestro" or "digamma"; otherwise an error naming the choices.
absl::StatusOr<AreaModel> ParseAreaModel(absl::string_view name);
AreaModel MakeAreaModel(AreaModelKind kind);

// Buffer capacities in elements: L1 per PE, L2 shared.
struct BufferSizes {
  int64_t l1 = 0;
  int64_t l2 = 0;
  static BufferSizes Configured(const Hardware& hw) {
    return {hw.l1_size, hw.l2_size};
  }
};

struct AreaEstimate {
  AreaModelKind model = AreaModelKind::kDefault;
  double mac_um2 = 0;  // every PE's SIMD lanes
  double l1_um2 = 0;   // every PE's L1
  double l2_um2 = 0;
  double noc_um2 = 0;  // bus + arbiter
  double total_um2 = 0;
  // Module power (maestro model: MACs + SRAM + NoC); 0 for models whose
  // power is the run's average (AveragePowerMw).
  double static_power_mw = 0;
};

// Area of one MAC lane for `bytes_per_element`-byte operands under `model`.
double MacAreaUm2(const AreaModel& model, int64_t bytes_per_element);

AreaEstimate EstimateArea(const Hardware& hw, const AreaModel& model,
                          const BufferSizes& buffers);

// Average power in mW of a run: energy (pJ) / time (ns); pJ/ns = mW.
// 0 when cycles is 0.
double AveragePowerMw(double energy_pj, int64_t cycles, double clock_ghz);

// A design's power under `model`: the module power when the model has one
// (maestro), else the run's average power.
double DesignPowerMw(const AreaEstimate& area, double energy_pj, int64_t cycles,
                     double clock_ghz);

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_AREA_MODEL_H_
