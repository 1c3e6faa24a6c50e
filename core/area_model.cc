#include "core/area_model.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace maestro {
namespace {

// Horowitz, ISSCC 2014, 45 nm: 8-bit multiply 282 um^2, add 36 um^2; 32-bit
// multiply 3495 um^2, add 137 um^2. Widths in between follow the power law
// through the two points (exponents log(3495/282)/log 4 and log(137/36)/log 4).
constexpr double kMul8Um2 = 282.0, kMul32Um2 = 3495.0;
constexpr double kAdd8Um2 = 36.0, kAdd32Um2 = 137.0;

// A 45 nm 6T SRAM cell of 0.346 um^2 (Intel 45 nm, Mistry et al., IEDM
// 2007) over an assumed array efficiency of 70 %, per byte.
constexpr double kDefaultSramUm2PerByte = 8 * 0.346 / 0.7;

// MAESTRO's module model (DSE cost database, commit 4eb08d1).
constexpr double kMaestroMacUm2 = 283.0, kMaestroMacMw = 1.2223;
constexpr double kMaestroSramUm2 = 0.104, kMaestroSramMw = 0.00345;

// DiGamma: 282 um^2 per int8 MAC, 0.086 um^2 per SRAM bit.
constexpr double kDigammaMacUm2 = 282.0, kDigammaSramUm2PerByte = 8 * 0.086;

double BusScale(double pes) { return 14.662 * pes + 28.895; }
double ArbiterScale(double pes) {
  return 1.2886 * pes * pes + 5.5814 * pes - 23.711;
}
// MAESTRO's bus (per unit of NoC bandwidth) and matrix arbiter (at least
// one unit), area and power.
double BusUm2(double pes, double bw) { return 101.7938 * BusScale(pes) * bw; }
double ArbiterUm2(double pes) {
  return std::max(395.473 * ArbiterScale(pes), 395.473);
}
double BusMw(double pes, double bw) { return 0.8 * BusScale(pes) / 1000 * bw; }
double ArbiterMw(double pes) {
  return std::max(0.34 * ArbiterScale(pes) / 1000, 0.34);
}

double PowerLaw(double at8, double at32, double bits) {
  const double e = std::log(at32 / at8) / std::log(4.0);
  return at8 * std::pow(bits / 8.0, e);
}

double SramUnits(const AreaModel& m, int64_t elements, int64_t bytes) {
  const double e = static_cast<double>(std::max<int64_t>(elements, 1));
  return m.sram_per_element ? e : e * static_cast<double>(bytes);
}

}  // namespace

std::vector<absl::string_view> AreaModelNames() {
  return {"default", "maestro", "digamma"};
}

AreaModel MakeAreaModel(AreaModelKind kind) {
  AreaModel m;
  m.kind = kind;
  switch (kind) {
    case AreaModelKind::kMaestro:
      m.sram_um2 = kMaestroSramUm2;
      m.sram_per_element = true;
      m.sram_mw = kMaestroSramMw;
      m.mac_mw = kMaestroMacMw;
      break;
    case AreaModelKind::kDigamma:
      m.sram_um2 = kDigammaSramUm2PerByte;
      m.noc = false;
      break;
    case AreaModelKind::kDefault:
      // MAESTRO's bus + arbiter would be 96 % of a pe256 design (83 mm^2);
      // with no sourced 45 nm NoC figure, the NoC is left out, and said so.
      m.sram_um2 = kDefaultSramUm2PerByte;
      m.noc = false;
      break;
  }
  return m;
}

absl::StatusOr<AreaModel> ParseAreaModel(absl::string_view name) {
  if (std::optional<AreaModelKind> k = ParseAreaModelKind(name)) {
    return MakeAreaModel(*k);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown area model '", name, "'; expected one of ",
                   absl::StrJoin(AreaModelNames(), ", ")));
}

double MacAreaUm2(const AreaModel& m, int64_t bytes_per_element) {
  switch (m.kind) {
    case AreaModelKind::kMaestro:
      return kMaestroMacUm2;
    case AreaModelKind::kDigamma:
      return kDigammaMacUm2;
    case AreaModelKind::kDefault:
      break;
  }
  const double bits = 8.0 * static_cast<double>(bytes_per_element);
  return PowerLaw(kMul8Um2, kMul32Um2, bits) +
         PowerLaw(kAdd8Um2, kAdd32Um2, bits);
}

AreaEstimate EstimateArea(const Hardware& hw, const AreaModel& m,
                          const BufferSizes& b) {
  const double pes = static_cast<double>(hw.num_pes);
  const double lanes = static_cast<double>(hw.simd_lanes);
  const double bw = static_cast<double>(hw.noc_bw);
  const double l1 = SramUnits(m, b.l1, hw.bytes_per_element);
  const double l2 = SramUnits(m, b.l2, hw.bytes_per_element);
  const double mac = MacAreaUm2(m, hw.bytes_per_element);
  AreaEstimate a;
  a.model = m.kind;
  a.mac_um2 = pes * lanes * mac;
  a.l1_um2 = pes * l1 * m.sram_um2;
  a.l2_um2 = l2 * m.sram_um2;
  // The totals keep MAESTRO's order of operations, so the maestro model
  // reproduces its figures to the last bit.
  a.total_um2 = pes * (mac * lanes + m.sram_um2 * l1) + m.sram_um2 * l2;
  if (m.noc) {
    a.noc_um2 = BusUm2(pes, bw) + ArbiterUm2(pes);
    a.total_um2 = a.total_um2 + BusUm2(pes, bw) + ArbiterUm2(pes);
  }
  if (m.mac_mw > 0 || m.sram_mw > 0) {
    a.static_power_mw =
        pes * (m.mac_mw * lanes + m.sram_mw * l1) + m.sram_mw * l2;
    if (m.noc) {
      a.static_power_mw = a.static_power_mw + BusMw(pes, bw) + ArbiterMw(pes);
    }
  }
  return a;
}

double AveragePowerMw(double energy_pj, int64_t cycles, double clock_ghz) {
  if (cycles <= 0 || clock_ghz <= 0) return 0;
  const double ns = static_cast<double>(cycles) / clock_ghz;
  return energy_pj / ns;
}

double DesignPowerMw(const AreaEstimate& a, double energy_pj, int64_t cycles,
                     double clock_ghz) {
  if (a.static_power_mw > 0) return a.static_power_mw;
  return AveragePowerMw(energy_pj, cycles, clock_ghz);
}

}  // namespace maestro
