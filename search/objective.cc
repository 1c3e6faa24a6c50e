#include "search/objective.h"

#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace maestro::search {
namespace {

constexpr Metric kMetrics[] = {Metric::kLatency, Metric::kEnergy, Metric::kEdp,
                               Metric::kArea, Metric::kPower};

// The core objective a metric ranks as in network totals.
Objective BaseOf(Metric m) {
  switch (m) {
    case Metric::kEnergy:
      return Objective::kEnergy;
    case Metric::kEdp:
      return Objective::kEdp;
    default:
      return Objective::kLatency;
  }
}

absl::Status Bad(const std::string& text, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(
      "--objective '", text, "': ", why,
      "; expected latency, energy, edp, throughput, area, power, lex:A,B, "
      "weighted:A=W,B=W or pareto:A,B[,C] (A, B, C in latency, energy, edp, "
      "area, power; W > 0)"));
}

absl::StatusOr<ObjectiveSpec> ParseLex(const std::string& text,
                                       absl::string_view rest) {
  ObjectiveSpec o;
  o.text = text;
  o.kind = ObjectiveSpec::Kind::kLex;
  std::vector<std::string> parts = absl::StrSplit(rest, ',');
  if (parts.size() != 2) return Bad(text, "lex takes two objectives");
  for (const std::string& p : parts) {
    std::optional<Metric> b = ParseMetric(p);
    if (!b) return Bad(text, absl::StrCat("unknown objective '", p, "'"));
    o.terms.push_back({*b, 1});
  }
  o.base = BaseOf(o.terms[0].first);
  return o;
}

absl::StatusOr<ObjectiveSpec> ParsePareto(const std::string& text,
                                          absl::string_view rest) {
  ObjectiveSpec o;
  o.text = text;
  o.kind = ObjectiveSpec::Kind::kPareto;
  for (absl::string_view p : absl::StrSplit(rest, ',')) {
    std::optional<Metric> b = ParseMetric(p);
    if (!b) return Bad(text, absl::StrCat("unknown objective '", p, "'"));
    for (const auto& [m, w] : o.terms) {
      if (m == *b) return Bad(text, absl::StrCat("'", p, "' named twice"));
    }
    o.terms.push_back({*b, 1});
  }
  if (o.terms.size() < 2 || o.terms.size() > 3) {
    return Bad(text, "pareto takes two or three objectives");
  }
  o.base = BaseOf(o.terms[0].first);
  return o;
}

absl::StatusOr<ObjectiveSpec> ParseWeighted(const std::string& text,
                                            absl::string_view rest) {
  ObjectiveSpec o;
  o.text = text;
  o.kind = ObjectiveSpec::Kind::kWeighted;
  double heaviest = 0;
  for (absl::string_view item : absl::StrSplit(rest, ',')) {
    const size_t eq = item.find('=');
    if (eq == absl::string_view::npos) return Bad(text, "a term without '='");
    std::optional<Metric> b = ParseMetric(item.substr(0, eq));
    double w = 0;
    if (!b) {
      return Bad(text,
                 absl::StrCat("unknown objective '", item.substr(0, eq), "'"));
    }
    if (!absl::SimpleAtod(item.substr(eq + 1), &w) || !(w > 0) ||
        !std::isfinite(w)) {
      return Bad(text, "a weight is not a positive number");
    }
    o.terms.push_back({*b, w});
    if (w > heaviest) heaviest = w, o.base = BaseOf(*b);
  }
  return o;
}

}  // namespace

absl::string_view MetricName(Metric m) {
  switch (m) {
    case Metric::kArea:
      return "area";
    case Metric::kPower:
      return "power";
    default:
      return ObjectiveName(BaseOf(m));
  }
}

std::optional<Metric> ParseMetric(absl::string_view text) {
  for (Metric m : kMetrics) {
    if (text == MetricName(m)) return m;
  }
  return std::nullopt;
}

double MetricValue(Metric metric, const Metrics& m) {
  switch (metric) {
    case Metric::kArea:
      return m.area_um2;
    case Metric::kPower:
      return m.power_mw;
    default:
      return ObjectiveValue(BaseOf(metric),
                            static_cast<double>(m.runtime_cycles), m.energy_pj);
  }
}

bool ObjectiveSpec::UsesArea() const {
  for (const auto& [m, w] : terms) {
    if (m == Metric::kArea || m == Metric::kPower) return true;
  }
  return false;
}

double ObjectiveRefs::Of(Metric m) const {
  switch (m) {
    case Metric::kLatency:
      return latency;
    case Metric::kEnergy:
      return energy;
    case Metric::kEdp:
      return edp;
    case Metric::kArea:
      return area;
    default:
      return power;
  }
}

absl::StatusOr<ObjectiveSpec> ParseObjectiveSpec(const std::string& text) {
  ObjectiveSpec o;
  o.text = text;
  if (text == "throughput") {
    o.throughput = true;
    return o;
  }
  if (std::optional<Objective> b = ParseObjective(text)) {
    o.base = *b;
    return o;
  }
  // area and power: the design's figure first, then the cycles.
  if (text == "area" || text == "power") {
    absl::StatusOr<ObjectiveSpec> lex = ParseLex(text, text + ",latency");
    return lex;
  }
  absl::string_view rest = text;
  if (absl::ConsumePrefix(&rest, "lex:")) return ParseLex(text, rest);
  if (absl::ConsumePrefix(&rest, "pareto:")) return ParsePareto(text, rest);
  if (absl::ConsumePrefix(&rest, "weighted:")) return ParseWeighted(text, rest);
  return Bad(text, "unknown objective");
}

void ApplyObjective(const ObjectiveSpec& o, const ObjectiveRefs& refs,
                    Metrics& m) {
  switch (o.kind) {
    case ObjectiveSpec::Kind::kBasic:
      return;
    case ObjectiveSpec::Kind::kLex:
    case ObjectiveSpec::Kind::kPareto:
      m.primary = MetricValue(o.terms[0].first, m);
      m.secondary = MetricValue(o.terms[1].first, m);
      return;
    case ObjectiveSpec::Kind::kWeighted: {
      double v = 1;
      for (const auto& [metric, w] : o.terms) {
        const double ref = refs.Of(metric);
        v *= std::pow(MetricValue(metric, m) / (ref > 0 ? ref : 1), w);
      }
      m.primary = v;
      m.secondary = static_cast<double>(m.runtime_cycles);
      return;
    }
  }
}

}  // namespace maestro::search
