#include "core/report/result_table.h"

#include <cstdlib>

#include "absl/strings/str_format.h"

namespace maestro {

std::string GroupThousands(int64_t v) {
  std::string digits =
      std::to_string(v < 0 ? -(v + 1) + uint64_t{1} : static_cast<uint64_t>(v));
  std::string out;
  int n = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (n > 0 && n % 3 == 0) out.insert(out.begin(), ',');
    out.insert(out.begin(), *it);
    ++n;
  }
  return v < 0 ? "-" + out : out;
}

namespace {

std::string Trim(const std::string& s, size_t width) {
  return s.size() <= width ? s : s.substr(0, width - 1) + "~";
}

}  // namespace

void WriteResultsTable(const Hardware& hw,
                       const std::vector<NetworkResult>& nets,
                       std::ostream& os) {
  os << absl::StrFormat(
      "hardware %s: %s PEs, L1 %s el/PE, L2 %s el, NoC %s el/cycle "
      "(latency %d), off-chip %s el/cycle\n",
      hw.name, GroupThousands(hw.num_pes), GroupThousands(hw.l1_size),
      GroupThousands(hw.l2_size), GroupThousands(hw.noc_bw), hw.noc_latency,
      GroupThousands(hw.offchip_bw));
  for (const NetworkResult& net : nets) {
    const char* sem = net.layers.empty()
                          ? "exact"
                          : SemanticsName(net.layers[0].semantics).data();
    os << absl::StrFormat("\nnetwork %s, dataflow %s, %s semantics\n",
                          net.name.empty() ? "-" : net.name,
                          net.dataflow.empty() ? "-" : net.dataflow, sem);
    os << absl::StrFormat("%-14s %-6s %3s %14s %12s %5s %6s %8s %6s %5s %-7s\n",
                          "layer", "type", "rep", "MACs", "cycles", "util%",
                          "L1 el", "L2 el", "NoC bw", "uPEs", "bound");
    for (const LayerResult& r : net.layers) {
      const double util = r.runtime_cycles > 0
                              ? 100.0 * r.macs /
                                    (double(r.num_pes) * double(hw.simd_lanes) *
                                     r.runtime_cycles)
                              : 0;
      os << absl::StrFormat(
          "%-14s %-6s %3d %14s %12s %5.1f %6s %8s %6s %5.0f %-7s\n",
          Trim(r.name, 14), LayerTypeName(r.type), r.repeat,
          GroupThousands(r.macs), GroupThousands(r.runtime_cycles), util,
          GroupThousands(r.l1_size_req) + (r.fits_l1 ? "" : "!"),
          GroupThousands(r.l2_size_req) + (r.fits_l2 ? "" : "!"),
          GroupThousands(r.noc_bw_req_peak), r.avg_utilized_pes,
          BoundName(r.bound));
      if (r.ExactFallback()) {
        os << "  ^ approximate: outside the exact loop-nest analysis ("
           << r.exact_fallback << ")\n";
      }
    }
    const NetworkTotals& t = net.totals;
    os << absl::StrFormat(
        "total: %s MACs, %s cycles, utilisation %.1f%%, %.2f MACs/cycle, "
        "energy %s pJ (%.4g x MAC in MAESTRO's model)\n",
        GroupThousands(t.macs), GroupThousands(t.runtime_cycles),
        100.0 * t.utilization, t.throughput_macs_per_cycle,
        GroupThousands(static_cast<int64_t>(t.energy_pj + 0.5)),
        t.energy_maestro_xmac);
    os << absl::StrFormat("peak L1 %s el/PE, peak L2 %s el%s\n",
                          GroupThousands(t.peak_l1_size_req),
                          GroupThousands(t.peak_l2_size_req),
                          "  (! = exceeds the hardware)");
    if (t.exact_fallback_layers > 0) {
      os << absl::StrFormat(
          "approximate: %d of %d layers are outside the exact loop-nest "
          "analysis (MAESTRO's case rules with the exact corrections)\n",
          t.exact_fallback_layers, net.layers.size());
    }
    for (const LayerResult& r : net.layers) {
      for (const std::string& w : r.warnings) os << w << "\n";
    }
  }
}

}  // namespace maestro
