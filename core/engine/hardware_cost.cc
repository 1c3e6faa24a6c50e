#include "core/engine/hardware_cost.h"

#include <algorithm>

namespace maestro::engine {

AreaPower MaestroAreaPower(const Hardware& hw, int64_t l1, int64_t l2) {
  const double P = static_cast<double>(hw.num_pes);
  const double lanes = static_cast<double>(hw.simd_lanes);
  const double bw = static_cast<double>(hw.noc_bw);
  const double l1_cells = static_cast<double>(std::max<int64_t>(l1, 1));
  const double l2_cells = static_cast<double>(std::max<int64_t>(l2, 1));
  const double bus_scale = 14.662 * P + 28.895;
  const double arb_scale = 1.2886 * P * P + 5.5814 * P - 23.711;
  AreaPower ap;
  ap.area_um2 = P * (283.0 * lanes + 0.104 * l1_cells) + 0.104 * l2_cells +
                101.7938 * bus_scale * bw +
                std::max(395.473 * arb_scale, 395.473);
  ap.power_mw = P * (1.2223 * lanes + 0.00345 * l1_cells) + 0.00345 * l2_cells +
                0.8 * bus_scale / 1000 * bw +
                std::max(0.34 * arb_scale / 1000, 0.34);
  return ap;
}

}  // namespace maestro::engine
