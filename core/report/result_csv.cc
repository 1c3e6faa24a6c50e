#include "core/report/result_csv.h"

#include <string>

#include "absl/strings/str_format.h"

namespace maestro {
namespace {

std::string Quote(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string r = "\"";
  for (char c : s) {
    if (c == '"') r += '"';
    r += c;
  }
  return r + "\"";
}

std::string G(double v) { return absl::StrFormat("%.6g", v); }

// "loop-nest", "fallback: <why>" (exact semantics) or "" (maestro).
std::string ExactModel(const LayerResult& r) {
  if (r.semantics != Semantics::kExact) return "";
  return r.loop_nest ? "loop-nest" : "fallback: " + r.exact_fallback;
}

}  // namespace

void WriteResultsCsv(const std::vector<NetworkResult>& nets, std::ostream& os) {
  os << "dataflow,layer,type,repeat,semantics,macs,runtime_cycles";
  for (int t = 0; t < kNumTensors; ++t) {
    const std::string n(TensorName(t));
    os << "," << n << "_l1_read," << n << "_l1_write," << n << "_l2_read," << n
       << "_l2_write";
  }
  os << ",l1_size_req,l2_size_req,fits_l1,fits_l2,noc_bw_req_peak,"
        "noc_bw_req_avg,offchip_bw_req,avg_utilized_pes,bound,"
        "energy_maestro_xmac,energy_pj,area_um2,power_mw,exact_model\n";
  for (const NetworkResult& net : nets) {
    for (const LayerResult& r : net.layers) {
      os << Quote(net.dataflow) << "," << Quote(r.name) << ","
         << LayerTypeName(r.type) << "," << r.repeat << ","
         << SemanticsName(r.semantics) << "," << r.macs << ","
         << r.runtime_cycles;
      for (int t = 0; t < kNumTensors; ++t) {
        const TensorAccess& a = r.access[t];
        os << "," << a.l1_read << "," << a.l1_write << "," << a.l2_read << ","
           << a.l2_write;
      }
      os << "," << r.l1_size_req << "," << r.l2_size_req << ","
         << (r.fits_l1 ? 1 : 0) << "," << (r.fits_l2 ? 1 : 0) << ","
         << r.noc_bw_req_peak << "," << G(r.noc_bw_req_avg) << ","
         << G(r.offchip_bw_req) << "," << G(r.avg_utilized_pes) << ","
         << BoundName(r.bound) << "," << G(r.energy_maestro_xmac) << ","
         << G(r.energy_pj) << "," << G(r.area_um2) << "," << G(r.power_mw)
         << "," << Quote(ExactModel(r)) << "\n";
    }
  }
}

}  // namespace maestro
