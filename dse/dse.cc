// The shared vocabulary of hardware DSE: parsers of the command's flags,
// design scoring and ranking, and RunDse's dispatch to the strategies.
#include "dse/dse.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/area_model.h"
#include "dse/confuciux/confuciux.h"
#include "dse/cosearch.h"
#include "dse/sweep.h"

namespace maestro::dse {
namespace {

constexpr int64_t kMaxValue = int64_t{1} << 40;  // ValidateHardware's bound

constexpr absl::string_view kGridForm =
    "FIELD=MIN:MAX:STEP, FIELD=V1|V2|... or FIELD=V, comma-separated, "
    "FIELD one of pes, l1, l2, noc_bw, offchip_bw";

// The canonical field of a --sweep key (hardware-file names accepted too).
std::optional<std::string> CanonicalField(absl::string_view key) {
  if (key == "pes" || key == "num_pes") return "pes";
  if (key == "l1" || key == "l1_size") return "l1";
  if (key == "l2" || key == "l2_size") return "l2";
  if (key == "noc_bw") return "noc_bw";
  if (key == "offchip_bw") return "offchip_bw";
  return std::nullopt;
}

absl::Status GridError(absl::string_view item, absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("--sweep '", item, "': ", what));
}

// One value of an axis: a whole number from 1 to 2^40.
absl::StatusOr<int64_t> AxisValue(absl::string_view item, absl::string_view v,
                                  absl::string_view field) {
  int64_t x = 0;
  if (!absl::SimpleAtoi(v, &x)) {
    return GridError(item, absl::StrCat("'", v, "' is not a whole number"));
  }
  if (x < 1 || x > kMaxValue) {
    return GridError(item,
                     absl::StrCat(field == "pes" ? "PEs " : "a value of ", x,
                                  "; expected a whole number from 1 to 2^40"));
  }
  return x;
}

absl::StatusOr<std::vector<int64_t>> AxisValues(absl::string_view item,
                                                absl::string_view field,
                                                absl::string_view spec) {
  std::vector<int64_t> out;
  if (absl::StrContains(spec, ':')) {
    std::vector<absl::string_view> p = absl::StrSplit(spec, ':');
    if (p.size() != 3) {
      return GridError(item, "expected MIN:MAX:STEP (three numbers)");
    }
    int64_t lo = 0, hi = 0, step = 0;
    absl::StatusOr<int64_t> a = AxisValue(item, p[0], field);
    if (!a.ok()) return a.status();
    absl::StatusOr<int64_t> b = AxisValue(item, p[1], field);
    if (!b.ok()) return b.status();
    lo = *a;
    hi = *b;
    if (!absl::SimpleAtoi(p[2], &step) || step <= 0) {
      return GridError(item, absl::StrCat("step '", p[2],
                                          "'; expected a positive whole "
                                          "number"));
    }
    if (lo > hi) {
      return GridError(item,
                       absl::StrCat("MIN ", lo, " > MAX ", hi,
                                    "; expected MIN <= MAX (an empty axis)"));
    }
    if ((hi - lo) / step >= kMaxAxisValues) {
      return GridError(item, absl::StrCat("more than ", kMaxAxisValues,
                                          " values on one axis"));
    }
    for (int64_t v = lo; v <= hi; v += step) out.push_back(v);
    return out;
  }
  for (absl::string_view v : absl::StrSplit(spec, '|')) {
    absl::StatusOr<int64_t> x = AxisValue(item, v, field);
    if (!x.ok()) return x.status();
    out.push_back(*x);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

Hardware ApplyPoint(const Hardware& base, const HardwarePoint& p) {
  Hardware h = base;
  if (p.pes > 0) h.num_pes = p.pes;
  if (p.l1_size > 0) h.l1_size = p.l1_size;
  if (p.l2_size > 0) h.l2_size = p.l2_size;
  if (p.noc_bw > 0) h.noc_bw = p.noc_bw;
  if (p.offchip_bw > 0) h.offchip_bw = p.offchip_bw;
  return h;
}

HardwarePoint PointOf(const Hardware& hw) {
  return {hw.num_pes, hw.l1_size, hw.l2_size, hw.noc_bw, hw.offchip_bw};
}

absl::string_view DseStrategyName(DseStrategy s) {
  switch (s) {
    case DseStrategy::kSweep:
      return "sweep";
    case DseStrategy::kRlGa:
      return "rl-ga";
    case DseStrategy::kGa:
      return "ga";
    case DseStrategy::kRandom:
      return "random";
    case DseStrategy::kCosearch:
      return "cosearch";
  }
  return "sweep";
}

std::optional<DseStrategy> ParseDseStrategy(absl::string_view text) {
  for (DseStrategy s :
       {DseStrategy::kSweep, DseStrategy::kRlGa, DseStrategy::kGa,
        DseStrategy::kRandom, DseStrategy::kCosearch}) {
    if (text == DseStrategyName(s)) return s;
  }
  return std::nullopt;
}

absl::string_view DseObjectiveName(DseObjective o) {
  switch (o) {
    case DseObjective::kLatency:
      return "latency";
    case DseObjective::kEnergy:
      return "energy";
    case DseObjective::kEdp:
      return "edp";
    case DseObjective::kPerfPerArea:
      return "perf-per-area";
    case DseObjective::kArea:
      return "area";
    case DseObjective::kPower:
      return "power";
  }
  return "latency";
}

std::optional<DseObjective> ParseDseObjective(absl::string_view text) {
  for (DseObjective o : {DseObjective::kLatency, DseObjective::kEnergy,
                         DseObjective::kEdp, DseObjective::kPerfPerArea,
                         DseObjective::kArea, DseObjective::kPower}) {
    if (text == DseObjectiveName(o)) return o;
  }
  return std::nullopt;
}

double DseObjectiveValue(DseObjective o, const DesignFigures& f) {
  const double cycles = static_cast<double>(f.runtime_cycles);
  switch (o) {
    case DseObjective::kLatency:
      return cycles;
    case DseObjective::kEnergy:
      return f.energy_pj;
    case DseObjective::kEdp:
      return cycles * f.energy_pj;
    case DseObjective::kPerfPerArea:
      return cycles * f.area_um2;
    case DseObjective::kArea:
      return f.area_um2;
    case DseObjective::kPower:
      return f.power_mw;
  }
  return cycles;
}

int64_t SweepGrid::size() const {
  if (axes.empty()) return 0;
  int64_t n = 1;
  for (const SweepAxis& a : axes) {
    const int64_t k = static_cast<int64_t>(a.values.size());
    if (k == 0) return 0;
    if (n > std::numeric_limits<int64_t>::max() / k) {
      return std::numeric_limits<int64_t>::max();
    }
    n *= k;
  }
  return n;
}

const SweepAxis* SweepGrid::Find(absl::string_view field) const {
  for (const SweepAxis& a : axes) {
    if (a.field == field) return &a;
  }
  return nullptr;
}

absl::StatusOr<SweepGrid> ParseSweepGrid(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (text.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--sweep is empty: no design point to evaluate; expected ",
                     kGridForm, " (e.g. pes=64:1024:64,noc_bw=8:256:8)"));
  }
  SweepGrid g;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    item = absl::StripAsciiWhitespace(item);
    const size_t eq = item.find('=');
    if (eq == absl::string_view::npos) {
      return GridError(item, absl::StrCat("expected ", kGridForm));
    }
    std::optional<std::string> field = CanonicalField(item.substr(0, eq));
    if (!field) {
      return GridError(item, absl::StrCat("unknown field '", item.substr(0, eq),
                                          "'; expected pes, l1, l2, noc_bw or "
                                          "offchip_bw"));
    }
    if (g.Find(*field) != nullptr) {
      return GridError(item, absl::StrCat(*field, " is swept twice"));
    }
    absl::StatusOr<std::vector<int64_t>> v =
        AxisValues(item, *field, item.substr(eq + 1));
    if (!v.ok()) return v.status();
    g.axes.push_back({*field, *std::move(v)});
  }
  // A fixed axis order (pes outermost, as the sweep prepares per PE count).
  auto rank = [](const SweepAxis& a) {
    static constexpr absl::string_view kOrder[] = {"pes", "l1", "l2", "noc_bw",
                                                   "offchip_bw"};
    return std::find(std::begin(kOrder), std::end(kOrder), a.field) -
           std::begin(kOrder);
  };
  std::sort(g.axes.begin(), g.axes.end(),
            [&](const SweepAxis& a, const SweepAxis& b) {
              return rank(a) < rank(b);
            });
  if (g.size() > kMaxSweepPoints) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--sweep '", text, "': ", g.size() == INT64_MAX ? "over 2^63" : "",
        g.size() == INT64_MAX ? "" : absl::StrCat(g.size()),
        " design points; expected at most ", kMaxSweepPoints,
        " (narrow an axis or take a larger step)"));
  }
  return g;
}

GridValues GridValuesOf(const SweepGrid& g, const Hardware& base) {
  auto values = [&g](absl::string_view field, int64_t b) {
    const SweepAxis* a = g.Find(field);
    return a != nullptr ? a->values : std::vector<int64_t>{b};
  };
  return {values("pes", base.num_pes), values("l1", base.l1_size),
          values("l2", base.l2_size), values("noc_bw", base.noc_bw),
          values("offchip_bw", base.offchip_bw)};
}

std::vector<HardwarePoint> GridPoints(const SweepGrid& grid,
                                      const Hardware& base) {
  const GridValues v = GridValuesOf(grid, base);
  std::vector<HardwarePoint> pts;
  for (int64_t pes : v.pes)
    for (int64_t l1 : v.l1)
      for (int64_t l2 : v.l2)
        for (int64_t noc : v.noc_bw)
          for (int64_t off : v.offchip_bw) {
            pts.push_back({pes, l1, l2, noc, off});
          }
  return pts;
}

void FitBuffers(BufferPolicy b, const DesignFigures& f, Hardware& hw) {
  if (b != BufferPolicy::kFit) return;
  hw.l1_size = FitSize(f.l1_size_req, kFitL1Granule);
  hw.l2_size = FitSize(f.l2_size_req, kFitL2Granule);
}

BufferCaps BufferCapsOf(BufferPolicy b, const SweepGrid& grid,
                        const Hardware& hw) {
  if (b == BufferPolicy::kFixed) return {hw.l1_size, hw.l2_size};
  return {grid.Find("l1") != nullptr ? hw.l1_size : 0,
          grid.Find("l2") != nullptr ? hw.l2_size : 0};
}

absl::StatusOr<DseConstraints> ParseDseConstraints(absl::string_view text) {
  DseConstraints c;
  text = absl::StripAsciiWhitespace(text);
  if (text.empty()) return c;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    item = absl::StripAsciiWhitespace(item);
    const size_t at = item.find("<=");
    auto bad = [&](absl::string_view what) {
      return absl::InvalidArgumentError(
          absl::StrCat("--constraint '", item, "': ", what));
    };
    if (at == absl::string_view::npos) {
      return bad(
          "expected area<=UM2, power<=MW, latency<=CYCLES or energy<=PJ");
    }
    const absl::string_view key = item.substr(0, at);
    double v = 0;
    if (!absl::SimpleAtod(item.substr(at + 2), &v) || !std::isfinite(v) ||
        v <= 0) {
      return bad(absl::StrCat("'", item.substr(at + 2),
                              "'; expected a positive number"));
    }
    std::optional<double>* slot = key == "area"      ? &c.area_um2
                                  : key == "power"   ? &c.power_mw
                                  : key == "latency" ? &c.latency_cycles
                                  : key == "energy"  ? &c.energy_pj
                                                     : nullptr;
    if (slot == nullptr) {
      return bad(absl::StrCat("unknown key '", key,
                              "'; expected area, power, latency or energy"));
    }
    if (slot->has_value()) return bad(absl::StrCat(key, " is given twice"));
    *slot = v;
  }
  return c;
}

std::string DseConstraints::Text() const {
  std::vector<std::string> p;
  if (area_um2) p.push_back(absl::StrCat("area<=", *area_um2));
  if (power_mw) p.push_back(absl::StrCat("power<=", *power_mw));
  if (latency_cycles) p.push_back(absl::StrCat("latency<=", *latency_cycles));
  if (energy_pj) p.push_back(absl::StrCat("energy<=", *energy_pj));
  return absl::StrJoin(p, ",");
}

void ScoreDesign(const Hardware& hw, const BufferCaps& caps,
                 const DseConstraints& c, DesignFigures& f) {
  const AreaEstimate a = EstimateArea(hw, MakeAreaModel(hw.area_model),
                                      BufferSizes::Configured(hw));
  f.area_um2 = a.total_um2;
  f.power_mw = DesignPowerMw(a, f.energy_pj, f.runtime_cycles, hw.clock_ghz);
  double v = 0;
  auto over = [&v](double value, double cap) {
    if (value > cap) v += value / cap - 1;
  };
  auto within = [](int64_t need, int64_t cap) {
    return cap <= 0 || need <= cap;
  };
  f.fits = f.complete && within(f.l1_size_req, caps.l1) &&
           within(f.l2_size_req, caps.l2);
  if (caps.l1 > 0) {
    over(static_cast<double>(f.l1_size_req), static_cast<double>(caps.l1));
  }
  if (caps.l2 > 0) {
    over(static_cast<double>(f.l2_size_req), static_cast<double>(caps.l2));
  }
  if (c.area_um2) over(f.area_um2, *c.area_um2);
  if (c.power_mw) over(f.power_mw, *c.power_mw);
  if (c.latency_cycles) {
    over(static_cast<double>(f.runtime_cycles), *c.latency_cycles);
  }
  if (c.energy_pj) over(f.energy_pj, *c.energy_pj);
  f.violation = f.complete ? v : std::numeric_limits<double>::infinity();
  f.feasible = f.complete && v == 0;
}

bool PointKeyLess(const HardwarePoint& a, const HardwarePoint& b) {
  return std::tie(a.pes, a.l1_size, a.l2_size, a.noc_bw, a.offchip_bw) <
         std::tie(b.pes, b.l1_size, b.l2_size, b.noc_bw, b.offchip_bw);
}

bool DesignLess(DseObjective o, const DesignPoint& a, const DesignPoint& b) {
  if (a.fig.feasible != b.fig.feasible) return a.fig.feasible;
  if (!a.fig.feasible && a.fig.violation != b.fig.violation) {
    return a.fig.violation < b.fig.violation;
  }
  const double va = DseObjectiveValue(o, a.fig),
               vb = DseObjectiveValue(o, b.fig);
  if (va != vb) return va < vb;
  return PointKeyLess(a.hw, b.hw);
}

std::string DataflowLabel(const DseProblem& problem) {
  if (problem.dataflow != kOwnDataflow) return problem.dataflow;
  return absl::StrCat(kOwnDataflow, " (each layer's Dataflow block in ",
                      problem.name, ".m)");
}

absl::StatusOr<DseResult> RunDse(const DseProblem& problem,
                                 const DseOptions& options) {
  if (problem.dataflow == kOwnDataflow &&
      options.strategy != DseStrategy::kSweep) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--dataflow own with --strategy ", DseStrategyName(options.strategy),
        ": only the sweep costs a .m file's own Dataflow blocks (rl-ga, ga "
        "and random set each layer's PEs in a library dataflow, cosearch "
        "searches the mappings); expected --strategy sweep, or a library "
        "dataflow"));
  }
  switch (options.strategy) {
    case DseStrategy::kSweep:
      return RunSweep(problem, options);
    case DseStrategy::kCosearch:
      return RunCosearch(problem, options);
    case DseStrategy::kRlGa:
    case DseStrategy::kGa:
    case DseStrategy::kRandom:
      return RunConfuciux(problem, options);
  }
  return absl::InvalidArgumentError("unknown dse strategy");
}

}  // namespace maestro::dse
