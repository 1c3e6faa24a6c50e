#include "search/objective.h"

#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace maestro::search {

absl::StatusOr<ObjectiveSpec> ParseObjectiveSpec(const std::string& text) {
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("--objective '", text, "': ", why,
                     "; expected latency, energy, edp, throughput, lex:A,B or "
                     "weighted:A=W,B=W (A, B in latency, energy, edp; W > 0)"));
  };
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
  absl::string_view rest = text;
  if (absl::ConsumePrefix(&rest, "lex:")) {
    o.kind = ObjectiveSpec::Kind::kLex;
    std::vector<std::string> parts = absl::StrSplit(rest, ',');
    if (parts.size() != 2) return bad("lex takes two objectives");
    for (const std::string& p : parts) {
      std::optional<Objective> b = ParseObjective(p);
      if (!b) return bad(absl::StrCat("unknown objective '", p, "'"));
      o.terms.push_back({*b, 1});
    }
    o.base = o.terms[0].first;
    return o;
  }
  if (!absl::ConsumePrefix(&rest, "weighted:")) return bad("unknown objective");
  o.kind = ObjectiveSpec::Kind::kWeighted;
  double heaviest = 0;
  for (absl::string_view item : absl::StrSplit(rest, ',')) {
    const size_t eq = item.find('=');
    if (eq == absl::string_view::npos) return bad("a term without '='");
    std::optional<Objective> b = ParseObjective(item.substr(0, eq));
    double w = 0;
    if (!b)
      return bad(absl::StrCat("unknown objective '", item.substr(0, eq), "'"));
    if (!absl::SimpleAtod(item.substr(eq + 1), &w) || !(w > 0) ||
        !std::isfinite(w)) {
      return bad("a weight is not a positive number");
    }
    o.terms.push_back({*b, w});
    if (w > heaviest) heaviest = w, o.base = *b;
  }
  return o;
}

void ApplyObjective(const ObjectiveSpec& o, const ObjectiveRefs& refs,
                    Metrics& m) {
  const double t = static_cast<double>(m.runtime_cycles);
  switch (o.kind) {
    case ObjectiveSpec::Kind::kBasic:
      return;
    case ObjectiveSpec::Kind::kLex:
      m.primary = ObjectiveValue(o.terms[0].first, t, m.energy_pj);
      m.secondary = ObjectiveValue(o.terms[1].first, t, m.energy_pj);
      return;
    case ObjectiveSpec::Kind::kWeighted: {
      double v = 1;
      for (const auto& [obj, w] : o.terms) {
        const double ref = obj == Objective::kLatency  ? refs.latency
                           : obj == Objective::kEnergy ? refs.energy
                                                       : refs.edp;
        v *= std::pow(ObjectiveValue(obj, t, m.energy_pj) / (ref > 0 ? ref : 1),
                      w);
      }
      m.primary = v;
      m.secondary = t;
      return;
    }
  }
}

}  // namespace maestro::search
