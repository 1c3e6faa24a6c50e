#include "core/report/result_json.h"

#include <string>

#include "core/area_model.h"

namespace maestro {

nlohmann::ordered_json HardwareToJson(const Hardware& hw) {
  nlohmann::ordered_json e = {{"mac_pj", hw.energy.mac_pj},
                              {"l1_read_pj", hw.energy.l1_read_pj},
                              {"l1_write_pj", hw.energy.l1_write_pj},
                              {"l2_read_pj", hw.energy.l2_read_pj},
                              {"l2_write_pj", hw.energy.l2_write_pj},
                              {"noc_pj", hw.energy.noc_pj},
                              {"dram_pj", hw.energy.dram_pj}};
  return {{"name", hw.name},
          {"num_pes", hw.num_pes},
          {"l1_size", hw.l1_size},
          {"l2_size", hw.l2_size},
          {"noc_bw", hw.noc_bw},
          {"noc_latency", hw.noc_latency},
          {"offchip_bw", hw.offchip_bw},
          {"simd_lanes", hw.simd_lanes},
          {"bytes_per_element", hw.bytes_per_element},
          {"clock_ghz", hw.clock_ghz},
          {"energy", e},
          {"area_model", std::string(AreaModelName(hw.area_model))}};
}

nlohmann::ordered_json DesignAreaToJson(const Hardware& hw) {
  const AreaEstimate a = EstimateArea(hw, MakeAreaModel(hw.area_model),
                                      BufferSizes::Configured(hw));
  nlohmann::ordered_json j = {{"model", std::string(AreaModelName(a.model))},
                              {"area_um2", a.total_um2},
                              {"mac_um2", a.mac_um2},
                              {"l1_um2", a.l1_um2},
                              {"l2_um2", a.l2_um2},
                              {"noc_um2", a.noc_um2}};
  if (a.static_power_mw > 0) j["module_power_mw"] = a.static_power_mw;
  return j;
}

nlohmann::ordered_json LayerResultToJson(const LayerResult& r,
                                         const Layer* layer) {
  nlohmann::ordered_json j;
  j["name"] = r.name;
  j["type"] = std::string(LayerTypeName(r.type));
  nlohmann::ordered_json dims = nlohmann::ordered_json::object();
  if (layer != nullptr) {
    for (Dim d : kAllDims) {
      if (layer->Has(d)) dims[std::string(DimName(d))] = layer->Get(d);
    }
    if (layer->IsConvLike()) {
      dims["stride_y"] = layer->stride_y;
      dims["stride_x"] = layer->stride_x;
    }
  }
  j["dims"] = dims;
  j["repeat"] = r.repeat;
  j["semantics"] = std::string(SemanticsName(r.semantics));
  if (r.semantics == Semantics::kExact) {
    // Which exact model ran (docs/cost-model.md, "Exact semantics").
    j["exact_model"] = r.loop_nest
                           ? std::string("loop-nest")
                           : std::string("fallback: ") + r.exact_fallback;
  }
  j["macs"] = r.macs;
  if (r.macs_maestro != r.macs) j["macs_maestro"] = r.macs_maestro;
  j["runtime_cycles"] = r.runtime_cycles;
  j["throughput_macs_per_cycle"] = r.throughput_macs_per_cycle;
  nlohmann::ordered_json acc;
  for (int t = 0; t < kNumTensors; ++t) {
    const TensorAccess& a = r.access[t];
    acc[std::string(TensorName(t))] = {{"l1_read", a.l1_read},
                                       {"l1_write", a.l1_write},
                                       {"l2_read", a.l2_read},
                                       {"l2_write", a.l2_write}};
  }
  j["accesses"] = acc;
  j["l1_size_req"] = r.l1_size_req;
  j["l2_size_req"] = r.l2_size_req;
  j["l1_size_req_bytes"] = r.l1_size_req_bytes;
  j["l2_size_req_bytes"] = r.l2_size_req_bytes;
  j["fits_l1"] = r.fits_l1;
  j["fits_l2"] = r.fits_l2;
  j["noc_bw_req_peak"] = r.noc_bw_req_peak;
  j["noc_bw_req_avg"] = r.noc_bw_req_avg;
  j["offchip_bw_req"] = r.offchip_bw_req;
  j["arithmetic_intensity"] = r.arithmetic_intensity;
  j["avg_utilized_pes"] = r.avg_utilized_pes;
  auto delay = [](const DelayStats& d) {
    return nlohmann::ordered_json{
        {"min", d.min}, {"max", d.max}, {"avg", d.avg}};
  };
  j["delays"] = {{"ingress", delay(r.ingress_delay)},
                 {"egress", delay(r.egress_delay)},
                 {"compute", delay(r.compute_delay)}};
  j["bound"] = std::string(BoundName(r.bound));
  j["energy_maestro_xmac"] = r.energy_maestro_xmac;
  j["energy_pj"] = r.energy_pj;
  j["energy_breakdown_pj"] = {{"mac", r.energy_mac_pj},
                              {"l1", r.energy_l1_pj},
                              {"l2", r.energy_l2_pj},
                              {"noc", r.energy_noc_pj},
                              {"dram", r.energy_dram_pj}};
  j["area_um2"] = r.area_um2;
  j["power_mw"] = r.power_mw;
  if (!r.warnings.empty()) j["warnings"] = r.warnings;
  return j;
}

nlohmann::ordered_json TotalsToJson(const NetworkTotals& t) {
  return {{"runtime_cycles", t.runtime_cycles},
          {"macs", t.macs},
          {"energy_pj", t.energy_pj},
          {"energy_maestro_xmac", t.energy_maestro_xmac},
          {"peak_l1_size_req", t.peak_l1_size_req},
          {"peak_l2_size_req", t.peak_l2_size_req},
          {"utilization", t.utilization},
          {"throughput_macs_per_cycle", t.throughput_macs_per_cycle}};
}

nlohmann::ordered_json ResultsToJson(
    const Hardware& hw, const std::vector<NetworkResult>& nets,
    const std::vector<std::vector<Layer>>* layers) {
  nlohmann::ordered_json j;
  j["schema"] = "maestro-onnx.result";
  j["schema_version"] = 1;
  j["hardware"] = HardwareToJson(hw);
  nlohmann::ordered_json dfs = nlohmann::ordered_json::array();
  for (size_t n = 0; n < nets.size(); ++n) {
    const NetworkResult& net = nets[n];
    nlohmann::ordered_json d;
    d["dataflow"] = net.dataflow;
    d["network"] = net.name;
    nlohmann::ordered_json ls = nlohmann::ordered_json::array();
    for (size_t i = 0; i < net.layers.size(); ++i) {
      const Layer* l =
          (layers != nullptr && n < layers->size() && i < (*layers)[n].size())
              ? &(*layers)[n][i]
              : nullptr;
      ls.push_back(LayerResultToJson(net.layers[i], l));
    }
    d["layers"] = ls;
    d["totals"] = TotalsToJson(net.totals);
    // Layers whose exact numbers are approximate (eval's output only).
    d["totals"]["exact_fallback_layers"] = net.totals.exact_fallback_layers;
    dfs.push_back(d);
  }
  j["dataflows"] = dfs;
  return j;
}

}  // namespace maestro
