#include "pipeline/baseline.h"

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "core/report/json_text.h"
#include "core/user_file.h"

namespace maestro {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kLayerFigures[] = {"macs",
                                         "runtime_cycles",
                                         "energy_pj",
                                         "energy_maestro_xmac",
                                         "l1_size_req",
                                         "l2_size_req",
                                         "noc_bw_req_peak",
                                         "noc_bw_req_avg",
                                         "avg_utilized_pes"};
constexpr const char* kTotalFigures[] = {"runtime_cycles",
                                         "macs",
                                         "energy_pj",
                                         "peak_l1_size_req",
                                         "peak_l2_size_req",
                                         "utilization",
                                         "layers_not_costed",
                                         "macs_not_costed",
                                         "offchip_elements_modelled"};

// j[key] by reference (no copy: the comparison keeps pointers into it), or
// an empty array/object when absent.
const Json& Member(const Json& j, const char* key, bool object = false) {
  static const Json kEmptyArray = Json::array();
  static const Json kEmptyObject = Json::object();
  if (j.is_object() && j.contains(key)) return j[key];
  return object ? kEmptyObject : kEmptyArray;
}

std::string EntryKey(const Json& e) {
  return absl::StrCat(e.value("network", std::string()), " / ",
                      e.value("dataflow", std::string()));
}

std::string Num(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15)
    return absl::StrFormat("%.0f", v);
  return absl::StrFormat("%.6g", v);
}

void CompareFigures(const Json& old_obj, const Json& new_obj,
                    const char* const* names, size_t n, double tol,
                    const std::string& where, BaselineDiff& diff) {
  for (size_t k = 0; k < n; ++k) {
    const char* f = names[k];
    bool in_old = old_obj.contains(f) && old_obj[f].is_number();
    bool in_new = new_obj.contains(f) && new_obj[f].is_number();
    if (!in_old && !in_new) continue;
    if (in_old != in_new) {
      diff.lines.push_back(absl::StrCat(where, ": ", f, " ",
                                        in_old ? "disappeared" : "appeared"));
      continue;
    }
    ++diff.compared;
    double a = old_obj[f].get<double>(), b = new_obj[f].get<double>();
    double scale = std::max(std::fabs(a), std::fabs(b));
    if (std::fabs(b - a) > tol * scale) {
      std::string rel =
          a != 0 ? absl::StrFormat(" (%+.2f%%)", 100 * (b - a) / std::fabs(a))
                 : "";
      diff.lines.push_back(
          absl::StrCat(where, ": ", f, " ", Num(a), " -> ", Num(b), rel));
    }
  }
}

}  // namespace

Json MakeBaseline(const Json& result) {
  Json b;
  b["schema"] = "maestro-onnx.baseline";
  b["schema_version"] = 1;
  if (result.contains("hardware")) b["hardware"] = result["hardware"];
  Json entries = Json::array();
  for (const Json& d : Member(result, "dataflows")) {
    Json e;
    e["network"] = d.value("network", std::string());
    e["dataflow"] = d.value("dataflow", std::string());
    Json layers = Json::array();
    for (const Json& l : Member(d, "layers")) {
      Json lj;
      lj["name"] = l.value("name", std::string());
      for (const char* f : kLayerFigures) {
        if (l.contains(f)) lj[f] = l[f];
      }
      if (l.contains("error")) lj["error"] = l["error"];
      layers.push_back(std::move(lj));
    }
    e["layers"] = std::move(layers);
    Json t;
    for (const char* f : kTotalFigures) {
      if (d.contains("totals") && d["totals"].contains(f))
        t[f] = d["totals"][f];
    }
    e["totals"] = std::move(t);
    entries.push_back(std::move(e));
  }
  b["dataflows"] = std::move(entries);
  return b;
}

BaselineDiff CompareWithBaseline(const Json& baseline, const Json& current,
                                 double tol) {
  BaselineDiff diff;
  std::map<std::string, const Json*> cur;
  for (const Json& d : Member(current, "dataflows")) {
    cur[EntryKey(d)] = &d;
  }
  std::map<std::string, bool> matched;
  for (const Json& old_d : Member(baseline, "dataflows")) {
    std::string key = EntryKey(old_d);
    auto it = cur.find(key);
    if (it == cur.end()) {
      diff.lines.push_back(
          absl::StrCat(key, ": in the baseline, not in the result"));
      continue;
    }
    matched[key] = true;
    const Json& new_d = *it->second;
    std::map<std::string, const Json*> new_layers;
    for (const Json& l : Member(new_d, "layers")) {
      new_layers[l.value("name", std::string())] = &l;
    }
    std::map<std::string, bool> seen;
    for (const Json& ol : Member(old_d, "layers")) {
      std::string name = ol.value("name", std::string());
      seen[name] = true;
      auto nl = new_layers.find(name);
      std::string where = absl::StrCat(key, ": layer '", name, "'");
      if (nl == new_layers.end()) {
        diff.lines.push_back(
            absl::StrCat(where, ": in the baseline, not in the result"));
        continue;
      }
      if (ol.contains("error") != nl->second->contains("error")) {
        diff.lines.push_back(absl::StrCat(
            where,
            ol.contains("error") ? ": now costed (was: "
                                 : ": no longer costed (",
            ol.contains("error") ? ol["error"].get<std::string>()
                                 : (*nl->second)["error"].get<std::string>(),
            ")"));
      }
      CompareFigures(ol, *nl->second, kLayerFigures, std::size(kLayerFigures),
                     tol, where, diff);
    }
    for (const auto& [name, l] : new_layers) {
      if (!seen.count(name)) {
        diff.lines.push_back(absl::StrCat(key, ": layer '", name,
                                          "': new, not in the baseline"));
      }
    }
    CompareFigures(Member(old_d, "totals", true), Member(new_d, "totals", true),
                   kTotalFigures, std::size(kTotalFigures), tol,
                   absl::StrCat(key, ": totals"), diff);
  }
  for (const auto& [key, d] : cur) {
    if (!matched.count(key)) {
      diff.lines.push_back(absl::StrCat(key, ": new, not in the baseline"));
    }
  }
  return diff;
}

absl::StatusOr<double> ParseTolerance(const std::string& text) {
  absl::string_view t = text;
  bool percent = absl::ConsumeSuffix(&t, "%");
  double v;
  if (!absl::SimpleAtod(t, &v) || v < 0 || !std::isfinite(v)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--tolerance '", PrintableExcerpt(text),
                     "'; expected a non-negative number or percentage, "
                     "e.g. 0.5% or 0.005"));
  }
  return percent ? v / 100 : v;
}

namespace {

constexpr absl::string_view kBaselineExpected =
    "a baseline or result JSON written by maestro-onnx";
// A baseline of the whole zoo is ~2 MB.
constexpr int64_t kMaxBaselineFileBytes = int64_t{256} << 20;

std::string TypeOf(const Json& v) { return JsonExcerpt(v); }

// What CompareWithBaseline reads, with the types it reads them as; "" when
// the value fits, else "WHERE is TYPE VALUE; expected ...".
std::string BaselineShapeError(const Json& j) {
  const auto it = j.find("dataflows");
  if (it == j.end() || !it->is_array()) {
    return absl::StrCat("no \"dataflows\" array; expected ", kBaselineExpected);
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& d = (*it)[i];
    const std::string at = absl::StrCat("dataflows[", i, "]");
    if (!d.is_object()) {
      return absl::StrCat(at, " is ", TypeOf(d), "; expected an object");
    }
    for (const char* key : {"network", "dataflow"}) {
      if (d.contains(key) && !d[key].is_string()) {
        return absl::StrCat(at, ".", key, " is ", TypeOf(d[key]),
                            "; expected a string");
      }
    }
    if (d.contains("totals") && !d["totals"].is_object()) {
      return absl::StrCat(at, ".totals is ", TypeOf(d["totals"]),
                          "; expected an object");
    }
    if (!d.contains("layers")) continue;
    const Json& layers = d["layers"];
    if (!layers.is_array()) {
      return absl::StrCat(at, ".layers is ", TypeOf(layers),
                          "; expected an array");
    }
    for (size_t k = 0; k < layers.size(); ++k) {
      const Json& l = layers[k];
      const std::string lat = absl::StrCat(at, ".layers[", k, "]");
      if (!l.is_object()) {
        return absl::StrCat(lat, " is ", TypeOf(l), "; expected an object");
      }
      for (const char* key : {"name", "error"}) {
        if (l.contains(key) && !l[key].is_string()) {
          return absl::StrCat(lat, ".", key, " is ", TypeOf(l[key]),
                              "; expected a string");
        }
      }
    }
  }
  return "";
}

}  // namespace

absl::StatusOr<Json> LoadJsonFile(const std::string& path) {
  absl::StatusOr<std::string> text =
      ReadUserFile(path, {"baseline file", kBaselineExpected,
                          kMaxBaselineFileBytes, /*error_tag=*/false});
  if (!text.ok()) return text.status();
  absl::StatusOr<Json> parsed = ParseUserJson(*text, path, kBaselineExpected);
  if (!parsed.ok()) return parsed.status();
  Json& j = *parsed;
  if (!j.is_object()) {
    return absl::InvalidArgumentError(
        absl::StrCat(PrintableExcerpt(path, 4096),
                     ": not a JSON object; expected ", kBaselineExpected));
  }
  const std::string bad = BaselineShapeError(j);
  if (!bad.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(PrintableExcerpt(path, 4096), ": not a baseline: ", bad));
  }
  return std::move(j);
}

}  // namespace maestro
