#include "search/constraints.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "search/evaluator.h"

namespace maestro::search {

std::string Constraints::Text() const {
  std::vector<std::string> parts;
  auto add = [&](const char* k, const std::optional<double>& v) {
    if (v) parts.push_back(absl::StrCat(k, "<=", *v));
  };
  add("l1", l1);
  add("l2", l2);
  add("pes", pes);
  add("latency", latency);
  add("energy", energy);
  add("area", area);
  add("power", power);
  return absl::StrJoin(parts, ",");
}

absl::StatusOr<Constraints> ParseConstraints(const std::string& text) {
  Constraints c;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--constraint '", item, "': ", why,
          "; expected KEY<=VALUE with KEY l1, l2, pes, latency, energy, area "
          "(um^2) or power (mW) and VALUE > 0, comma-separated"));
    };
    const size_t at = item.find("<=");
    if (at == absl::string_view::npos) return bad("no '<='");
    const absl::string_view key = item.substr(0, at);
    double v = 0;
    if (!absl::SimpleAtod(item.substr(at + 2), &v) || !std::isfinite(v)) {
      return bad("the limit is not a number");
    }
    if (v <= 0) return bad("a limit <= 0 cannot be met by any mapping");
    std::optional<double>* slot = key == "l1"        ? &c.l1
                                  : key == "l2"      ? &c.l2
                                  : key == "pes"     ? &c.pes
                                  : key == "latency" ? &c.latency
                                  : key == "energy"  ? &c.energy
                                  : key == "area"    ? &c.area
                                  : key == "power"   ? &c.power
                                                     : nullptr;
    if (slot == nullptr) return bad(absl::StrCat("unknown key '", key, "'"));
    if (key == "pes" && v != std::floor(v)) return bad("a PE count is whole");
    if (slot->has_value()) return bad(absl::StrCat("'", key, "' given twice"));
    *slot = v;
  }
  return c;
}

double ConstraintViolation(const Constraints& c, const Metrics& m) {
  auto over = [](const std::optional<double>& limit, double value) {
    return limit ? std::max(0.0, value / *limit - 1) : 0.0;
  };
  return over(c.l1, static_cast<double>(m.l1_size_req)) +
         over(c.l2, static_cast<double>(m.l2_size_req)) +
         over(c.latency, static_cast<double>(m.runtime_cycles)) +
         over(c.energy, m.energy_pj) + over(c.area, m.area_um2) +
         over(c.power, m.power_mw);
}

}  // namespace maestro::search
