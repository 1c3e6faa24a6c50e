// SearchReportData: a search's results as the report's JSON blob ("kind":
// "search"): SearchToJson's content (docs/search.schema.json), plus per
// unique layer its shape and convergence log, read by assets/report.js.
#include "pipeline/network_report.h"
#include "report/html/html_report.h"
#include "search/report.h"

namespace maestro::html {
namespace {

using Json = nlohmann::ordered_json;

// [evals, best runtime cycles, best energy pJ, feasible %] per point.
Json Convergence(const search::LayerSearch& s) {
  Json pts = Json::array();
  for (const search::ConvergencePoint& p : s.convergence) {
    pts.push_back(
        Json::array({p.evals, p.best_runtime, p.best_energy, p.valid_pct}));
  }
  return pts;
}

}  // namespace

nlohmann::ordered_json SearchReportData(const search::NetworkSearch& n,
                                        const Hardware& hw,
                                        const search::SearchOptions& o) {
  Json j = search::SearchToJson(n, hw, o);
  Json& layers = j["layers"];
  for (size_t u = 0; u < n.unique.size() && u < layers.size(); ++u) {
    for (size_t i = 0; i < n.layers.size(); ++i) {
      if (n.unique_of[i] != static_cast<int>(u)) continue;
      layers[u]["shape"] = LayerShapeBrief(n.layers[i]);
      break;
    }
    layers[u]["convergence"] = Convergence(n.unique[u]);
  }
  Json hw_json = j["hardware"];
  hw_json["peak_macs_per_cycle"] = PeakMacsPerCycle(hw);
  j["hardware"] = hw_json;
  j["kind"] = "search";
  return j;
}

}  // namespace maestro::html
