#include "pipeline/baseline.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "core/report/json_text.h"
#include "core/report/result_table.h"
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

// Adds one difference of `e` to the diff: `rel` the relative move of a
// figure, or a negative value for a layer/figure present on one side only.
void Record(BaselineDiff& diff, EntryDiff& e, std::string line, double rel) {
  if (rel < 0) {
    ++e.other;
  } else {
    ++e.moved;
    if (e.largest.empty() || rel > e.largest_rel) {
      e.largest_rel = rel;
      e.largest = line;
    }
  }
  diff.lines.push_back(std::move(line));
}

void CompareFigures(const Json& old_obj, const Json& new_obj,
                    const char* const* names, size_t n, double tol,
                    const std::string& where, BaselineDiff& diff,
                    EntryDiff& e) {
  for (size_t k = 0; k < n; ++k) {
    const char* f = names[k];
    bool in_old = old_obj.contains(f) && old_obj[f].is_number();
    bool in_new = new_obj.contains(f) && new_obj[f].is_number();
    if (!in_old && !in_new) continue;
    if (in_old != in_new) {
      Record(diff, e,
             absl::StrCat(where, ": ", f, " ",
                          in_old ? "disappeared" : "appeared"),
             -1);
      continue;
    }
    ++diff.compared;
    double a = old_obj[f].get<double>(), b = new_obj[f].get<double>();
    double scale = std::max(std::fabs(a), std::fabs(b));
    if (std::fabs(b - a) <= tol * scale) continue;
    std::string rel =
        a != 0 ? absl::StrFormat(" (%+.2f%%)", 100 * (b - a) / std::fabs(a))
               : "";
    Record(diff, e,
           absl::StrCat(where, ": ", f, " ", Num(a), " -> ", Num(b), rel),
           a != 0 ? std::fabs(b - a) / std::fabs(a) : INFINITY);
  }
}

// The hardware fields (energy table included) that differ, "KEY OLD -> NEW".
void CompareHardware(const Json& old_hw, const Json& new_hw,
                     const std::string& prefix, std::vector<std::string>& out) {
  if (!old_hw.is_object() || !new_hw.is_object()) return;
  for (auto it = old_hw.begin(); it != old_hw.end(); ++it) {
    const std::string name = prefix + it.key();
    if (!new_hw.contains(it.key())) continue;
    const Json& nv = new_hw[it.key()];
    if (it->is_object()) {
      CompareHardware(*it, nv, name + ".", out);
    } else if (*it != nv) {
      auto text = [](const Json& v) {
        return v.is_string() ? absl::StrCat("'", v.get<std::string>(), "'")
                             : v.dump();
      };
      out.push_back(absl::StrCat(name, " ", text(*it), " -> ", text(nv)));
    }
  }
}

void CompareLayers(const Json& old_d, const Json& new_d, double tol,
                   const std::string& key, BaselineDiff& diff, EntryDiff& e) {
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
      Record(diff, e,
             absl::StrCat(where, ": in the baseline, not in the result"), -1);
      continue;
    }
    const Json& nj = *nl->second;
    if (ol.contains("error") != nj.contains("error")) {
      const bool was_error = ol.contains("error");
      Record(
          diff, e,
          absl::StrCat(
              where, was_error ? ": now costed (was: " : ": no longer costed (",
              (was_error ? ol : nj)["error"].get<std::string>(), ")"),
          -1);
    }
    CompareFigures(ol, nj, kLayerFigures, std::size(kLayerFigures), tol, where,
                   diff, e);
  }
  for (const auto& [name, l] : new_layers) {
    if (seen.count(name)) continue;
    Record(diff, e,
           absl::StrCat(key, ": layer '", name, "': new, not in the baseline"),
           -1);
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
  CompareHardware(Member(baseline, "hardware", true),
                  Member(current, "hardware", true), "", diff.hardware_changes);
  std::map<std::string, const Json*> cur;
  for (const Json& d : Member(current, "dataflows")) {
    cur[EntryKey(d)] = &d;
  }
  std::map<std::string, bool> matched;
  auto keep = [&](EntryDiff& e) {
    if (e.moved + e.other > 0) diff.entries.push_back(std::move(e));
  };
  for (const Json& old_d : Member(baseline, "dataflows")) {
    EntryDiff e;
    e.key = EntryKey(old_d);
    auto it = cur.find(e.key);
    if (it == cur.end()) {
      Record(diff, e,
             absl::StrCat(e.key, ": in the baseline, not in the result"), -1);
      keep(e);
      continue;
    }
    matched[e.key] = true;
    const Json& new_d = *it->second;
    CompareLayers(old_d, new_d, tol, e.key, diff, e);
    CompareFigures(Member(old_d, "totals", true), Member(new_d, "totals", true),
                   kTotalFigures, std::size(kTotalFigures), tol,
                   absl::StrCat(e.key, ": totals"), diff, e);
    keep(e);
  }
  for (const auto& [key, d] : cur) {
    if (matched.count(key)) continue;
    EntryDiff e;
    e.key = key;
    Record(diff, e, absl::StrCat(key, ": new, not in the baseline"), -1);
    keep(e);
  }
  return diff;
}

void WriteBaselineDiff(const BaselineDiff& d, const std::string& path,
                       const std::string& tolerance_text, int max_details,
                       std::ostream& os) {
  const std::string tol =
      absl::StrCat(absl::StripSuffix(tolerance_text, "%"), " %");
  if (d.ok()) {
    os << "baseline " << path << ": " << GroupThousands(d.compared)
       << " figures within tolerance " << tol << "\n";
    return;
  }
  os << absl::StrFormat(
      "baseline %s: %s difference%s beyond tolerance %s in %d network / "
      "dataflow entr%s (%s figures compared)\n",
      path, GroupThousands(static_cast<int64_t>(d.lines.size())),
      d.lines.size() == 1 ? "" : "s", tol, d.entries.size(),
      d.entries.size() == 1 ? "y" : "ies", GroupThousands(d.compared));
  if (d.hardware_changes.empty()) {
    os << "  hardware: the same as the baseline's\n";
  } else {
    os << "  hardware DIFFERS from the baseline's (figures are expected to "
          "move): "
       << absl::StrJoin(d.hardware_changes, ", ") << "\n";
  }
  size_t width = 0;
  for (const EntryDiff& e : d.entries) width = std::max(width, e.key.size());
  for (const EntryDiff& e : d.entries) {
    os << absl::StrFormat("  %-*s %6d figure%s moved", width, e.key, e.moved,
                          e.moved == 1 ? "" : "s");
    if (e.other > 0) os << absl::StrFormat(", %d added or removed", e.other);
    if (!e.largest.empty()) {
      // The detail line without its "network / dataflow: " prefix.
      absl::string_view what = e.largest;
      absl::ConsumePrefix(&what, e.key + ": ");
      os << "; largest " << what;
    }
    os << "\n";
  }
  const size_t shown = max_details < 0
                           ? d.lines.size()
                           : std::min(d.lines.size(), size_t(max_details));
  os << "details";
  if (shown < d.lines.size()) {
    os << " (first " << shown << " of " << d.lines.size()
       << "; --verbose for all)";
  }
  os << ":\n";
  for (size_t i = 0; i < shown; ++i) os << "  " << d.lines[i] << "\n";
}

std::string DescribeBaseline(const Json& baseline) {
  std::vector<std::string> models, dataflows;
  auto add = [](std::vector<std::string>& v, const std::string& s) {
    if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
  };
  for (const Json& d : Member(baseline, "dataflows")) {
    add(models, d.value("network", std::string()));
    add(dataflows, d.value("dataflow", std::string()));
  }
  auto list = [](const std::vector<std::string>& v, const char* one,
                 const char* many) {
    return absl::StrCat(v.size(), " ", v.size() == 1 ? one : many, " (",
                        absl::StrJoin(v, ", "), ")");
  };
  const Json& hw = Member(baseline, "hardware", true);
  return absl::StrCat(list(models, "model", "models"), ", ",
                      list(dataflows, "dataflow", "dataflows"), ", hardware ",
                      hw.value("name", std::string("?")));
}

absl::StatusOr<double> ParseTolerance(const std::string& text) {
  absl::string_view t = absl::StripAsciiWhitespace(text);
  absl::ConsumeSuffix(&t, "%");  // "5" and "5%" both mean 5 %
  double v;
  if (t.empty() || !absl::SimpleAtod(t, &v) || v < 0 || !std::isfinite(v) ||
      v > 100) {
    return absl::InvalidArgumentError(
        absl::StrCat("--tolerance '", PrintableExcerpt(text),
                     "'; expected a percentage from 0 to 100, e.g. 0.5 or "
                     "0.5% (both mean 0.5 %)"));
  }
  return v / 100;
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
