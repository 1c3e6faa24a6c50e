// MAESTRO's area and power formulas, and the energy models (MAESTRO's
// MAC-relative one and ours in pJ from the hardware's EnergyTable).
//
// Example:
//   engine::AreaPower ap = engine::MaestroAreaPower(hw, l1_req, l2_req);
//   ap.area_um2; ap.power_mw;
#ifndef MAESTRO_ONNX_CORE_ENGINE_HARDWARE_COST_H_
#define MAESTRO_ONNX_CORE_ENGINE_HARDWARE_COST_H_

#include <cstdint>

#include "core/hardware.h"

namespace maestro::engine {

// MAESTRO's constants (DSE cost database, commit 4eb08d1).
inline constexpr double kMaestroL2EnergyXmac = 18.61;  // per L2 access
inline constexpr double kMaestroL1EnergyXmac = 1.68;   // per L1 access
inline constexpr double kMaestroMacEnergyNj = 0.00023;

struct AreaPower {
  double area_um2 = 0;
  double power_mw = 0;
};

// Area and power of `hw` with L1 (per PE) and L2 sized to the requirements
// (elements): MAC 283 um^2 / 1.2223 mW per SIMD lane, SRAM 0.104 um^2 /
// 0.00345 mW per element, a bus of 101.7938 (14.662 P + 28.895) bw um^2
// (0.8 (14.662 P + 28.895) bw / 1000 mW) and a matrix arbiter of
// 395.473 (1.2886 P^2 + 5.5814 P - 23.711) um^2 (0.34 x the same / 1000 mW,
// at least one unit).
AreaPower MaestroAreaPower(const Hardware& hw, int64_t l1_size_req,
                           int64_t l2_size_req);

}  // namespace maestro::engine

#endif  // MAESTRO_ONNX_CORE_ENGINE_HARDWARE_COST_H_
