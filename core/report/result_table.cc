#include "core/report/result_table.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"

namespace maestro {
namespace {

// Columns of a row besides the name.
constexpr int kFixedColumns = 81;

ElidedNames Names(const NetworkResult& net, int width) {
  std::vector<std::string> names;
  for (const LayerResult& r : net.layers) names.push_back(r.name);
  const size_t room =
      width <= 0 ? SIZE_MAX
                 : static_cast<size_t>(std::max(12, width - kFixedColumns));
  ElidedNames e = ElideUnique(names, room);
  e.width = std::max<size_t>(e.width, 5);
  return e;
}

void WriteLayerRow(const LayerResult& r, const std::string& name, size_t name_w,
                   const Hardware& hw, std::ostream& os) {
  const double rep = static_cast<double>(r.repeat);
  const std::string line = absl::StrFormat(
      "%-*s %-6s %3d %7s %13s %5.1f %9s %8s %8s %6s %5.0f %s", name_w, name,
      LayerTypeName(r.type), r.repeat,
      ShortCount(static_cast<double>(r.macs) * rep),
      GroupThousands(r.runtime_cycles * r.repeat), 100 * Utilization(r, hw),
      Microjoules(r.energy_pj * rep), BufferCell(r.l1_size_req, hw.l1_size, hw),
      BufferCell(r.l2_size_req, hw.l2_size, hw),
      GroupThousands(r.noc_bw_req_peak), r.avg_utilized_pes,
      BoundName(r.bound));
  os << absl::StripTrailingAsciiWhitespace(line) << "\n";
  if (r.ExactFallback()) {
    os << "  ^ approximate: outside the exact loop-nest analysis ("
       << r.exact_fallback << ")\n";
  }
}

void WriteTotals(const NetworkResult& net, const Hardware& hw,
                 std::ostream& os) {
  const NetworkTotals& t = net.totals;
  os << absl::StrFormat(
      "total: %s MACs, %s cycles = %.3f ms, utilisation %.1f %%, %.2f "
      "MACs/cycle,\n  energy %s uJ (%.4g x MAC in MAESTRO's model), peak L1 "
      "%s per PE, peak L2 %s\n",
      GroupThousands(t.macs), GroupThousands(t.runtime_cycles),
      Milliseconds(t.runtime_cycles, hw), 100.0 * t.utilization,
      t.throughput_macs_per_cycle, Microjoules(t.energy_pj),
      t.energy_maestro_xmac, BufferCell(t.peak_l1_size_req, hw.l1_size, hw),
      BufferCell(t.peak_l2_size_req, hw.l2_size, hw));
  if (t.exact_fallback_layers > 0) {
    os << absl::StrFormat(
        "approximate: %d of %d layers are outside the exact loop-nest "
        "analysis (MAESTRO's case rules with the exact corrections)\n",
        t.exact_fallback_layers, net.layers.size());
  }
}

}  // namespace

void WriteResultsTable(const Hardware& hw,
                       const std::vector<NetworkResult>& nets, std::ostream& os,
                       int width) {
  WriteHardwareLine(hw, os);
  for (const NetworkResult& net : nets) {
    const char* sem = net.layers.empty()
                          ? "exact"
                          : SemanticsName(net.layers[0].semantics).data();
    os << absl::StrFormat("\nnetwork %s, dataflow %s, %s semantics\n",
                          net.name.empty() ? "-" : net.name,
                          net.dataflow.empty() ? "-" : net.dataflow, sem);
    const ElidedNames names = Names(net, width);
    const size_t name_w = names.width;
    os << absl::StrFormat("%-*s %-6s %3s %7s %13s %5s %9s %8s %8s %6s %5s %s\n",
                          name_w, "layer", "type", "rep", "MACs", "cycles",
                          "util", "energy", "L1/PE", "L2", "NoC bw", "PEs",
                          "bound");
    os << absl::StripTrailingAsciiWhitespace(absl::StrFormat(
              "%-*s %-6s %3s %7s %13s %5s %9s %8s %8s %6s %5s", name_w, "", "",
              "", "", "", "%", "uJ", "", "", "el/cyc", "used"))
       << "\n";
    for (size_t i = 0; i < net.layers.size(); ++i) {
      WriteLayerRow(net.layers[i], names.names[i], name_w, hw, os);
    }
    WriteTotals(net, hw, os);
    for (const LayerResult& r : net.layers) {
      for (const std::string& w : r.warnings) os << w << "\n";
    }
  }
  os << "(MACs, cycles and energy include the repeat count (rep); L1/PE, L2: "
        "the mapping's\n buffer need, '!' = larger than the hardware's; NoC "
        "bw: peak NoC bandwidth need;\n PEs used: average; bound: compute, "
        "noc or offchip)\n";
}

}  // namespace maestro
