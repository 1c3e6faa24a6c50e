#include "sharding/part_json.h"

#include <cmath>
#include <limits>
#include <type_traits>

#include "absl/strings/str_cat.h"

namespace maestro {
namespace {

using Json = nlohmann::ordered_json;

// Every field of each stored struct, listed once: the same list writes and
// reads it (V is an Encoder or a Decoder, S const or not).
template <class S, class V>
void Visit(S& a,
           V& v) requires std::is_same_v<std::remove_const_t<S>, TensorAccess> {
  v("l2_read", a.l2_read), v("l2_write", a.l2_write), v("l1_read", a.l1_read),
      v("l1_write", a.l1_write);
}
template <class S, class V>
void Visit(S& d,
           V& v) requires std::is_same_v<std::remove_const_t<S>, DelayStats> {
  v("min", d.min), v("max", d.max), v("avg", d.avg);
}
template <class S, class V>
void Visit(S& r,
           V& v) requires std::is_same_v<std::remove_const_t<S>, LayerResult> {
  v("name", r.name), v("type", r.type), v("repeat", r.repeat);
  v("semantics", r.semantics), v("macs", r.macs);
  v("macs_maestro", r.macs_maestro), v("macs_model", r.macs_model);
  v("runtime_cycles", r.runtime_cycles);
  v("throughput_macs_per_cycle", r.throughput_macs_per_cycle);
  v("access", r.access), v("l1_size_req_tensor", r.l1_size_req_tensor);
  v("l2_size_req_tensor", r.l2_size_req_tensor);
  v("l1_size_req", r.l1_size_req), v("l2_size_req", r.l2_size_req);
  v("l1_size_req_bytes", r.l1_size_req_bytes);
  v("l2_size_req_bytes", r.l2_size_req_bytes);
  v("fits_l1", r.fits_l1), v("fits_l2", r.fits_l2);
  v("noc_bw_req_peak", r.noc_bw_req_peak);
  v("noc_bw_req_avg", r.noc_bw_req_avg);
  v("offchip_bw_req", r.offchip_bw_req);
  v("offchip_modelled", r.offchip_modelled);
  v("arithmetic_intensity", r.arithmetic_intensity);
  v("avg_utilized_pes", r.avg_utilized_pes);
  v("ingress_delay", r.ingress_delay), v("egress_delay", r.egress_delay);
  v("compute_delay", r.compute_delay), v("bound", r.bound);
  v("energy_maestro_xmac", r.energy_maestro_xmac);
  v("energy_pj", r.energy_pj), v("energy_mac_pj", r.energy_mac_pj);
  v("energy_l1_pj", r.energy_l1_pj), v("energy_l2_pj", r.energy_l2_pj);
  v("energy_noc_pj", r.energy_noc_pj), v("energy_dram_pj", r.energy_dram_pj);
  v("area_um2", r.area_um2), v("power_mw", r.power_mw);
  v("num_pes", r.num_pes), v("loop_nest", r.loop_nest);
  v("exact_fallback", r.exact_fallback), v("warnings", r.warnings);
}
template <class S, class V>
void Visit(S& l, V& v) requires
    std::is_same_v<std::remove_const_t<S>, SourceLocation> {
  v("file", l.file), v("line", l.line), v("column", l.column);
  v("onnx_node", l.onnx_node), v("onnx_op", l.onnx_op);
}
template <class S, class V>
void Visit(S& l, V& v) requires std::is_same_v<std::remove_const_t<S>, Layer> {
  v("name", l.name), v("type", l.type), v("dims", l.dims);
  v("stride_y", l.stride_y), v("stride_x", l.stride_x);
  v("repeat", l.repeat), v("loc", l.loc);
}
template <class S, class V>
void Visit(S& l,
           V& v) requires std::is_same_v<std::remove_const_t<S>, JobLayer> {
  v("layer", l.layer), v("role", l.role), v("kind", l.kind);
  v("node", l.node), v("part", l.part), v("offchip_min", l.offchip_min);
}
template <class S, class V>
void Visit(S& u,
           V& v) requires std::is_same_v<std::remove_const_t<S>, UncostedNode> {
  v("node", u.node), v("op", u.op), v("reason", u.reason), v("macs", u.macs);
}
template <class S, class V>
void Visit(S& c, V& v) requires
    std::is_same_v<std::remove_const_t<S>, frontend::CoverageEntry> {
  v("node", c.node), v("op", c.op), v("subgraph", c.subgraph);
  v("verdict", c.verdict), v("category", c.category), v("reason", c.reason);
  v("input_shapes", c.input_shapes), v("output_shapes", c.output_shapes);
  v("output_elements", c.output_elements);
  v("macs_estimate", c.macs_estimate);
}
template <class S, class V>
void Visit(S& e,
           V& v) requires std::is_same_v<std::remove_const_t<S>, EnergyTable> {
  v("mac_pj", e.mac_pj), v("l1_read_pj", e.l1_read_pj);
  v("l1_write_pj", e.l1_write_pj), v("l2_read_pj", e.l2_read_pj);
  v("l2_write_pj", e.l2_write_pj), v("noc_pj", e.noc_pj);
  v("dram_pj", e.dram_pj);
}
template <class S, class V>
void Visit(S& h,
           V& v) requires std::is_same_v<std::remove_const_t<S>, Hardware> {
  v("name", h.name), v("num_pes", h.num_pes), v("l1_size", h.l1_size);
  v("l2_size", h.l2_size), v("noc_bw", h.noc_bw);
  v("noc_latency", h.noc_latency), v("offchip_bw", h.offchip_bw);
  v("simd_lanes", h.simd_lanes), v("bytes_per_element", h.bytes_per_element);
  v("clock_ghz", h.clock_ghz), v("energy", h.energy);
}
// The parts of a ModelRun a part file keeps (see the header).
template <class S, class V>
void Visit(S& m,
           V& v) requires std::is_same_v<std::remove_const_t<S>, ModelRun> {
  v("path", m.path), v("name", m.name), v("file", m.model.file);
  v("producer", m.model.producer), v("opset", m.model.opset);
  v("nodes", m.model.node_count), v("notes", m.model.notes);
  v("coverage", m.model.coverage), v("layers", m.layers);
  v("uncosted", m.uncosted);
}

// Writes one value; structs through their Visit list.
struct Encoder {
  Json& j;
  template <class T>
  Encoder& operator()(const char* key, const T& v) {
    j[key] = Encode(v);
    return *this;
  }
  template <class T>
  static Json Encode(const T& v) {
    if constexpr (std::is_enum_v<T>) {
      return static_cast<int>(v);
    } else if constexpr (std::is_same_v<T, double>) {
      if (std::isfinite(v)) return v;
      return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
    } else if constexpr (std::is_same_v<T, std::string> ||
                         std::is_arithmetic_v<T>) {
      return v;
    } else if constexpr (requires { v.begin(); }) {
      Json a = Json::array();
      for (const auto& e : v) a.push_back(Encode(e));
      return a;
    } else {
      Json o = Json::object();
      Encoder e{o};
      Visit(v, e);
      return o;
    }
  }
};

// Reads one value; throws nlohmann's exceptions on a wrong type or a
// missing key (caught by the public functions).
struct Decoder {
  const Json& j;
  template <class T>
  Decoder& operator()(const char* key, T& v) {
    Decode(j.at(key), v);
    return *this;
  }
  template <class T>
  static void Decode(const Json& j, T& v) {
    if constexpr (std::is_enum_v<T>) {
      v = static_cast<T>(j.get<int>());
    } else if constexpr (std::is_same_v<T, double>) {
      if (!j.is_string()) {
        v = j.get<double>();
      } else {
        const std::string s = j.get<std::string>();
        const double inf = std::numeric_limits<double>::infinity();
        v = s == "inf" ? inf : s == "-inf" ? -inf : std::nan("");
      }
    } else if constexpr (std::is_same_v<T, std::string> ||
                         std::is_arithmetic_v<T>) {
      v = j.get<T>();
    } else if constexpr (requires { v.resize(0); }) {
      v.resize(j.size());
      for (size_t i = 0; i < j.size(); ++i) Decode(j.at(i), v[i]);
    } else if constexpr (requires { v.size(); }) {
      if (j.size() != v.size())
        throw Json::other_error::create(501, "array size", &j);
      for (size_t i = 0; i < v.size(); ++i) Decode(j.at(i), v[i]);
    } else {
      Decoder d{j};
      Visit(v, d);
    }
  }
};

template <class T>
absl::Status DecodeTo(const Json& j, T& v, absl::string_view what) {
  try {
    Decoder::Decode(j, v);
  } catch (const nlohmann::json::exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("error: malformed ", what, " (", e.what(),
                     "); expected the fields maestro-onnx writes"));
  }
  return absl::OkStatus();
}

}  // namespace

nlohmann::ordered_json HardwareToPart(const Hardware& hw) {
  return Encoder::Encode(hw);
}

absl::StatusOr<Hardware> HardwareFromPart(const nlohmann::ordered_json& j) {
  Hardware hw;
  if (absl::Status s = DecodeTo(j, hw, "hardware"); !s.ok()) return s;
  return hw;
}

nlohmann::ordered_json ModelToPart(const ModelRun& m) {
  return Encoder::Encode(m);
}

absl::Status ModelFromPart(const nlohmann::ordered_json& j, ModelRun& m) {
  return DecodeTo(j, m, "model");
}

nlohmann::ordered_json RunToPart(const DataflowRun& run) {
  Json layers = Json::array();
  for (const LayerOutcome& o : run.layers) {
    Json l = {{"reused", o.reused}};
    if (o.status.ok()) {
      l["result"] = Encoder::Encode(o.result);
    } else {
      l["code"] = static_cast<int>(o.status.code());
      l["error"] = std::string(o.status.message());
    }
    layers.push_back(std::move(l));
  }
  return {{"dataflow", run.dataflow},
          {"unique_analyses", run.unique_analyses},
          {"layers", std::move(layers)}};
}

absl::StatusOr<DataflowRun> RunFromPart(const nlohmann::ordered_json& j,
                                        const ModelRun& m, const Hardware& hw) {
  DataflowRun run;
  try {
    run.dataflow = j.at("dataflow").get<std::string>();
    run.unique_analyses = j.at("unique_analyses").get<int64_t>();
    const Json& layers = j.at("layers");
    if (layers.size() != m.layers.size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "error: shard result of ", m.name, " / ", run.dataflow, " has ",
          layers.size(), " layers; the model has ", m.layers.size()));
    }
    for (const Json& l : layers) {
      LayerOutcome o;
      o.reused = l.at("reused").get<bool>();
      if (l.contains("result")) {
        Decoder::Decode(l.at("result"), o.result);
      } else {
        o.status =
            absl::Status(static_cast<absl::StatusCode>(l.at("code").get<int>()),
                         l.at("error").get<std::string>());
      }
      run.layers.push_back(std::move(o));
    }
  } catch (const nlohmann::json::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat(
        "error: not a shard result written by this version: run: ", e.what()));
  }
  CompleteRun(m.layers, hw, m.name, m.uncosted, run);
  return run;
}

}  // namespace maestro
