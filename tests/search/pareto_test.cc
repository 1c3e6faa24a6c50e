// Objectives and constraints of design 6.4 (area, power, pareto), the
// Pareto archive against brute force, NSGA-II's pieces and the network EDP
// choice of design 6.3.
#include "search/pareto.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "gtest/gtest.h"
#include "search/network_search.h"
#include "search/search.h"
#include "search/space.h"
#include "tests/core/layers_testlib.h"

namespace maestro::search {
namespace {

using test_support::Conv;

// ---- parsers: every bad input gets a message naming what was wrong ----

TEST(ObjectiveParser, Table) {
  struct Row {
    const char* text;
    bool ok;
    const char* expect;  // in the error, or the normalised kind
  };
  const Row rows[] = {
      {"latency", true, ""},
      {"area", true, ""},
      {"power", true, ""},
      {"lex:area,energy", true, ""},
      {"weighted:latency=1,area=0.5", true, ""},
      {"pareto:latency,energy", true, ""},
      {"pareto:latency,energy,area", true, ""},
      {"pareto:energy,power", true, ""},
      {"pareto:latency", false, "two or three objectives"},
      {"pareto:latency,energy,area,power", false, "two or three objectives"},
      {"pareto:latency,latency", false, "'latency' named twice"},
      {"pareto:latency,speed", false, "unknown objective 'speed'"},
      {"pareto:", false, "unknown objective ''"},
      {"lex:latency", false, "lex takes two objectives"},
      {"weighted:area=-1", false, "a weight is not a positive number"},
      {"areas", false, "unknown objective"},
  };
  for (const Row& r : rows) {
    absl::StatusOr<ObjectiveSpec> o = ParseObjectiveSpec(r.text);
    EXPECT_EQ(o.ok(), r.ok) << r.text;
    if (!r.ok && !o.ok()) {
      EXPECT_NE(o.status().message().find(r.expect), std::string::npos)
          << r.text << ": " << o.status().message();
      EXPECT_NE(o.status().message().find("pareto:A,B[,C]"), std::string::npos);
    }
  }
  const ObjectiveSpec p = *ParseObjectiveSpec("pareto:latency,energy,area");
  EXPECT_TRUE(p.pareto());
  EXPECT_TRUE(p.UsesArea());
  ASSERT_EQ(p.terms.size(), 3u);
  EXPECT_EQ(p.terms[2].first, Metric::kArea);
  const ObjectiveSpec a = *ParseObjectiveSpec("area");
  EXPECT_EQ(a.kind, ObjectiveSpec::Kind::kLex);
  EXPECT_EQ(a.terms[0].first, Metric::kArea);
  EXPECT_EQ(a.terms[1].first, Metric::kLatency);
  EXPECT_EQ(a.text, "area");
  EXPECT_FALSE(ParseObjectiveSpec("edp")->UsesArea());
}

TEST(ConstraintParser, Table) {
  struct Row {
    const char* text;
    const char* error;  // nullptr: accepted
  };
  const Row rows[] = {
      {"area<=2.5e6", nullptr},
      {"power<=100,area<=1e7,l1<=64", nullptr},
      {"area<=0", "a limit <= 0"},
      {"power<=-3", "a limit <= 0"},
      {"area<=x", "the limit is not a number"},
      {"area=5", "no '<='"},
      {"area<=5,area<=6", "'area' given twice"},
      {"volume<=5", "unknown key 'volume'"},
  };
  for (const Row& r : rows) {
    absl::StatusOr<Constraints> c = ParseConstraints(r.text);
    EXPECT_EQ(c.ok(), r.error == nullptr) << r.text;
    if (r.error != nullptr && !c.ok()) {
      EXPECT_NE(c.status().message().find(r.error), std::string::npos)
          << c.status().message();
    }
  }
  const Constraints c = *ParseConstraints("power<=100,area<=2.5e6");
  EXPECT_EQ(c.Text(), "area<=2.5e+06,power<=100");
  EXPECT_TRUE(c.UsesArea());
  Metrics m;
  m.area_um2 = 5e6;  // 2x the limit: violation 1
  m.power_mw = 50;   // within
  EXPECT_DOUBLE_EQ(ConstraintViolation(c, m), 1.0);
}

// ---- the archive and NSGA-II's pieces ----

// The non-dominated vectors, by a sweep independent of ParetoArchive: in
// lexicographic order a point can only be dominated (or equalled) by an
// earlier one, and then by an earlier non-dominated one.
std::vector<Objectives> BruteFront(std::vector<Objectives> pts, int n) {
  std::sort(pts.begin(), pts.end());
  std::vector<Objectives> front;
  for (const Objectives& p : pts) {
    bool out = false;
    for (const Objectives& q : front) out |= Dominates(q, p, n) || q == p;
    if (!out) front.push_back(p);
  }
  return front;
}

std::vector<Objectives> Values(const std::vector<ParetoPoint>& ps) {
  std::set<Objectives> s;
  for (const ParetoPoint& p : ps) s.insert(p.f);
  return {s.begin(), s.end()};
}

TEST(ParetoArchive, EqualsBruteForceInAnyOrder) {
  std::mt19937_64 rng(7);
  for (int n : {2, 3}) {
    std::vector<Objectives> pts;
    for (int i = 0; i < 400; ++i) {  // a small grid: many ties and repeats
      pts.push_back({double(rng() % 20), double(rng() % 20),
                     n == 3 ? double(rng() % 20) : 0.0});
    }
    const std::vector<Objectives> truth = BruteFront(pts, n);
    for (int order = 0; order < 3; ++order) {
      std::shuffle(pts.begin(), pts.end(), rng);
      ParetoArchive a(n);
      for (size_t i = 0; i < pts.size(); ++i)
        a.Offer({pts[i], rng() % 5, int64_t(i)});
      EXPECT_EQ(Values(a.points()), truth) << "n " << n;
      EXPECT_EQ(a.size(), truth.size());  // one point per objective vector
    }
  }
}

TEST(ParetoArchive, SmallestKeyStandsForEqualPoints) {
  ParetoArchive a(2);
  EXPECT_TRUE(a.Offer({{1, 2}, 9, 0}));
  EXPECT_TRUE(a.Offer({{1, 2}, 3, 1}));
  EXPECT_FALSE(a.Offer({{1, 2}, 5, 2}));
  EXPECT_FALSE(a.Offer({{2, 2}, 1, 3}));  // dominated
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a.points()[0].key, 3u);
}

TEST(Nsga, RanksCrowdingHypervolumeKnee) {
  // (1,5) (2,3) (4,1) non-dominated; (3,4) behind (2,3); (5,5) last.
  const std::vector<Objectives> f = {
      {1, 5, 0}, {2, 3, 0}, {4, 1, 0}, {3, 4, 0}, {5, 5, 0}};
  EXPECT_EQ(FrontRanks(f, 2), (std::vector<int>{0, 0, 0, 1, 2}));
  const std::vector<double> d = CrowdingDistance(f, 2, FrontRanks(f, 2));
  EXPECT_TRUE(std::isinf(d[0]) && std::isinf(d[2]));
  // (4-1)/3 + (5-1)/4 = 2.
  EXPECT_DOUBLE_EQ(d[1], 2.0);
  // Reference (6,6): 5x1 + 4x2 + 2x2 = 17 (by hand, strips of the staircase).
  EXPECT_DOUBLE_EQ(Hypervolume(f, 2, {6, 6, 0}), 17.0);
  // 3-D: one point (1,1,1) to (2,2,2) is 1; a second (0,1.5,1.5) adds
  // 2 x 0.5 x 0.5 - overlap (1 x 0.5 x 0.5) = 0.25.
  EXPECT_DOUBLE_EQ(Hypervolume({{1, 1, 1}}, 3, {2, 2, 2}), 1.0);
  EXPECT_DOUBLE_EQ(Hypervolume({{1, 1, 1}, {0, 1.5, 1.5}}, 3, {2, 2, 2}), 1.25);
  // Points outside the box add nothing.
  EXPECT_DOUBLE_EQ(Hypervolume({{3, 0, 0}}, 2, {2, 2, 0}), 0.0);
  EXPECT_EQ(KneeIndex({{1, 5, 0}, {2, 3, 0}, {4, 1, 0}}, 2), 1u);
}

// ---- the search's front against the whole space ----

// The feasible metrics of every canonical genome of the space, and of the
// library entries the search evaluated.
std::vector<Metrics> SpaceMetrics(const Layer& l, const Hardware& hw,
                                  const SearchOptions& o,
                                  const LayerSearch& r) {
  const SearchSpace space = *MakeSearchSpace(l, hw, o.space);
  Evaluator ev(space, hw, o.analysis, o.objective);
  ev.set_constraints(o.constraints);
  ev.set_fit_buffers(o.fit_buffers);
  std::vector<Metrics> out;
  for (int lv = 1; lv <= space.max_levels; ++lv) {
    EnumerateGenomes(space, lv, false, [&](const Genome& g) {
      const Metrics m = ev.EvaluateUncached(g);
      if (m.standing == Standing::kFeasible) out.push_back(m);
      return true;
    });
  }
  for (const LibraryEntry& e : r.library) {
    if (e.status.ok() && e.metrics.standing == Standing::kFeasible)
      out.push_back(e.metrics);
  }
  return out;
}

std::vector<Objectives> FrontOf(const std::vector<Metrics>& ms,
                                const std::vector<Metric>& obj) {
  std::vector<Objectives> f;
  for (const Metrics& m : ms) {
    Objectives v{};
    for (size_t i = 0; i < obj.size(); ++i) v[i] = MetricValue(obj[i], m);
    f.push_back(v);
  }
  return BruteFront(f, static_cast<int>(obj.size()));
}

TEST(ParetoSearch, ExhaustiveFrontIsTheSpacesFront) {
  const Hardware hw = *HardwarePreset("pe256");
  // 53,636 canonical mappings at one level; its (latency, energy) front
  // has 5 points.
  const Layer l = Conv("t", 8, 8, 6, 3);
  for (const char* obj :
       {"pareto:latency,energy", "pareto:latency,energy,area"}) {
    SearchOptions o;
    o.strategy = Strategy::kExhaustive;
    o.space = {1, TileDomain::kAny};
    o.objective_spec = *ParseObjectiveSpec(obj);
    o.objective = o.objective_spec.base;
    o.fit_buffers = true;  // area varies with the needs
    absl::StatusOr<LayerSearch> r = SearchLayer(l, LayerRole::kConv, hw, o);
    ASSERT_TRUE(r.ok()) << r.status();
    std::vector<Objectives> got;
    for (const FrontPoint& p : r->front) got.push_back(p.f);
    std::sort(got.begin(), got.end());
    const std::vector<Objectives> truth =
        FrontOf(SpaceMetrics(l, hw, o, *r), r->front_metrics);
    EXPECT_EQ(got, truth) << obj;
    EXPECT_GT(truth.size(), 2u) << obj;
    // Hypervolume is logged per batch and never decreases.
    ASSERT_FALSE(r->convergence.empty());
    for (size_t i = 1; i < r->convergence.size(); ++i) {
      EXPECT_GE(r->convergence[i].hypervolume,
                r->convergence[i - 1].hypervolume);
    }
    EXPECT_GT(r->hypervolume, 0);
    EXPECT_LE(r->hypervolume, 1);
  }
}

// A budgeted exhaustive run evaluates a known prefix: its archive is the
// front of exactly those points.
TEST(ParetoSearch, ArchiveIsTheFrontOfTheEvaluatedPoints) {
  const Hardware hw = *HardwarePreset("tiny4");
  const Layer l = Conv("e1", 4, 4, 4, 3);
  SearchOptions o;
  o.strategy = Strategy::kExhaustive;
  o.space = {1, TileDomain::kAny};
  o.objective_spec = *ParseObjectiveSpec("pareto:energy,latency");
  o.objective = o.objective_spec.base;
  o.budget = {BudgetKind::kEvals, 300};
  o.budget_given = true;
  absl::StatusOr<LayerSearch> r = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(r.ok()) << r.status();
  // What it evaluated: the library entries, their genomes and the
  // all-ones genome (seeds), then the enumeration up to 300 candidates.
  const SearchSpace space = *MakeSearchSpace(l, hw, o.space);
  Evaluator ev(space, hw, o.analysis, o.objective);
  std::vector<Metrics> seen;
  for (const LibraryEntry& e : r->library) {
    if (e.status.ok() && e.metrics.standing == Standing::kFeasible)
      seen.push_back(e.metrics);
  }
  int64_t left = 300 - static_cast<int64_t>(r->library.size());
  std::vector<Genome> seeds;
  for (const LibraryEntry& e : r->library) {
    if (!e.status.ok()) continue;
    absl::StatusOr<ResolvedMapping> rm = ResolveDataflow(e.block, l, hw);
    if (std::optional<Genome> g = FromResolved(space, *rm)) seeds.push_back(*g);
  }
  seeds.push_back(AllOnesGenome(space));
  auto take = [&](const Genome& g) {
    if (left <= 0) return false;
    --left;
    const Metrics m = ev.EvaluateUncached(g);
    if (m.standing == Standing::kFeasible) seen.push_back(m);
    return true;
  };
  for (const Genome& g : seeds) take(g);
  EnumerateGenomes(space, 1, false, take);
  std::vector<Objectives> got;
  for (const FrontPoint& p : r->front) got.push_back(p.f);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, FrontOf(seen, r->front_metrics));
  EXPECT_EQ(r->stats.candidates, 300);
}

TEST(ParetoSearch, GammaDeterministicAcrossThreads) {
  const Hardware hw = *HardwarePreset("pe256");
  const Layer l = Conv("c", 64, 64, 30, 3);
  std::vector<std::vector<Objectives>> fronts;
  std::vector<double> hv;
  for (int threads : {1, 2, 4}) {
    SearchOptions o;
    o.objective_spec = *ParseObjectiveSpec("pareto:latency,energy,area");
    o.objective = o.objective_spec.base;
    o.fit_buffers = true;
    o.threads = threads;
    o.budget = {BudgetKind::kEvals, 1500};
    o.budget_given = true;
    absl::StatusOr<LayerSearch> r = SearchLayer(l, LayerRole::kConv, hw, o);
    ASSERT_TRUE(r.ok()) << r.status();
    std::vector<Objectives> f;
    for (const FrontPoint& p : r->front) f.push_back(p.f);
    fronts.push_back(f);
    hv.push_back(r->hypervolume);
    ASSERT_TRUE(r->hv_reference.has_value());
    EXPECT_GT(f.size(), 3u);
  }
  EXPECT_EQ(fronts[0], fronts[1]);
  EXPECT_EQ(fronts[0], fronts[2]);
  EXPECT_EQ(hv[0], hv[1]);
  EXPECT_EQ(hv[0], hv[2]);
}

// NSGA-II selection finds a better front than random at equal evaluations
// on the median of 9 seeds (hypervolume against the same reference).
TEST(ParetoSearch, GammaBeatsRandomOnMedianHypervolume) {
  const Hardware hw = *HardwarePreset("pe256");
  const Layer l = Conv("c", 64, 64, 30, 3);
  std::vector<double> hv[2];
  for (uint64_t seed = 1; seed <= 9; ++seed) {
    for (int k = 0; k < 2; ++k) {
      SearchOptions o;
      o.strategy = k == 0 ? Strategy::kGamma : Strategy::kRandom;
      o.objective_spec = *ParseObjectiveSpec("pareto:latency,energy");
      o.objective = o.objective_spec.base;
      o.seed = seed;
      o.budget = {BudgetKind::kEvals, 2000};
      o.budget_given = true;
      absl::StatusOr<LayerSearch> r = SearchLayer(l, LayerRole::kConv, hw, o);
      ASSERT_TRUE(r.ok()) << r.status();
      hv[k].push_back(r->hypervolume);
    }
  }
  for (auto& v : hv) std::sort(v.begin(), v.end());
  std::printf(
      "median hypervolume over 9 seeds: gamma %.4f [%.4f, %.4f], "
      "random %.4f [%.4f, %.4f]\n",
      hv[0][4], hv[0][2], hv[0][6], hv[1][4], hv[1][2], hv[1][6]);
  EXPECT_GT(hv[0][4], hv[1][4]);
}

// ---- area and power ----

TEST(AreaObjective, FitBuffersFindsTheSmallestDesign) {
  const Hardware hw = *HardwarePreset("tiny4");
  const Layer l = Conv("e1", 4, 4, 4, 3);
  SearchOptions o;
  o.strategy = Strategy::kExhaustive;
  o.space = {1, TileDomain::kAny};
  o.objective_spec = *ParseObjectiveSpec("area");
  o.objective = o.objective_spec.base;
  o.fit_buffers = true;
  absl::StatusOr<LayerSearch> r = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(r.ok()) << r.status();
  double least = 1e300;
  for (const Metrics& m : SpaceMetrics(l, hw, o, *r))
    least = std::min(least, m.area_um2);
  EXPECT_EQ(r->best.metrics.area_um2, least);
  // Its area is the model's for buffers of its needs.
  const AreaEstimate a =
      EstimateArea(hw, MakeAreaModel(hw.area_model),
                   {r->best.metrics.l1_size_req, r->best.metrics.l2_size_req});
  EXPECT_EQ(r->best.metrics.area_um2, a.total_um2);
  EXPECT_LT(a.total_um2, EstimateArea(hw, MakeAreaModel(hw.area_model),
                                      BufferSizes::Configured(hw))
                             .total_um2);
}

TEST(AreaObjective, MeaninglessOrImpossibleOptionsAreRefused) {
  const Hardware hw = *HardwarePreset("pe256");
  const Layer l = Conv("c", 64, 64, 30, 3);
  auto run = [&](const char* obj, const char* cons, bool fit,
                 AreaModelKind model) {
    SearchOptions o;
    o.objective_spec = *ParseObjectiveSpec(obj);
    o.objective = o.objective_spec.base;
    if (*cons) o.constraints = *ParseConstraints(cons);
    o.fit_buffers = fit;
    o.budget = {BudgetKind::kEvals, 50};
    Hardware h = hw;
    h.area_model = model;
    return SearchLayer(l, LayerRole::kConv, h, o).status();
  };
  const auto kDef = AreaModelKind::kDefault, kMae = AreaModelKind::kMaestro;
  EXPECT_NE(run("area", "", false, kDef).message().find("--buffers fit"),
            std::string::npos);
  EXPECT_FALSE(run("pareto:latency,area", "", false, kDef).ok());
  EXPECT_FALSE(run("power", "", false, kMae).ok());  // module power: constant
  EXPECT_TRUE(run("power", "", false, kDef).ok());   // the run's average
  EXPECT_TRUE(run("area", "", true, kDef).ok());
  // pe256 as configured: 3.191 mm2 (docs/hardware.md).
  const absl::Status s = run("latency", "area<=1e6", false, kDef);
  EXPECT_NE(s.message().find("no mapping can meet it"), std::string::npos) << s;
  EXPECT_TRUE(run("latency", "area<=4e6", false, kDef).ok());
  EXPECT_FALSE(run("latency", "power<=1", false, kMae).ok());
}

TEST(AreaConstraint, RanksByViolationAndIsMet) {
  const Hardware hw = *HardwarePreset("pe256");
  const Layer l = Conv("c", 64, 64, 30, 3);
  SearchOptions o;
  o.fit_buffers = true;
  o.budget = {BudgetKind::kEvals, 1500};
  o.budget_given = true;
  absl::StatusOr<LayerSearch> free = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(free.ok());
  // A limit below the unconstrained winner's area.
  const double limit = 0.9 * free->best.metrics.area_um2;
  o.constraints.area = limit;
  absl::StatusOr<LayerSearch> r = SearchLayer(l, LayerRole::kConv, hw, o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->best.metrics.standing, Standing::kFeasible);
  EXPECT_LE(r->best.metrics.area_um2, limit);
  // The limit was binding: more candidates ranked over it.
  EXPECT_GT(r->over_buffer, free->over_buffer);
}

// ---- network EDP ----

// The lowest sum(E) x sum(L) over every combination of front points.
double BruteNetworkEdp(const std::vector<std::vector<LatencyEnergy>>& f,
                       const std::vector<int64_t>& rep) {
  double best = 1e300;
  std::vector<size_t> at(f.size(), 0);
  for (;;) {
    double l = 0, e = 0;
    for (size_t u = 0; u < f.size(); ++u) {
      l += f[u][at[u]].latency * rep[u];
      e += f[u][at[u]].energy * rep[u];
    }
    best = std::min(best, l * e);
    size_t u = 0;
    while (u < f.size() && ++at[u] == f[u].size()) at[u++] = 0;
    if (u == f.size()) return best;
  }
}

std::vector<LatencyEnergy> RandomFront(std::mt19937_64& rng, int points) {
  std::vector<LatencyEnergy> f;
  double l = 100 + rng() % 100, e = 1000 + rng() % 1000;
  for (int k = 0; k < points; ++k) {
    f.push_back({l, e});
    l += 1 + rng() % 200;
    e = std::max(1.0, e - 1.0 - double(rng() % 300));
  }
  return f;
}

TEST(NetworkEdp, ChoiceAgainstBruteForceOnRandomFronts) {
  std::mt19937_64 rng(11);
  int equal = 0;
  const int trials = 200;
  for (int t = 0; t < trials; ++t) {
    std::vector<std::vector<LatencyEnergy>> fronts;
    std::vector<int64_t> rep;
    std::vector<size_t> start;
    for (int u = 0; u < 3; ++u) {
      fronts.push_back(RandomFront(rng, 1 + rng() % 7));
      rep.push_back(1 + rng() % 3);
      // The per-layer EDP optimum of each layer.
      size_t b = 0;
      for (size_t k = 0; k < fronts[u].size(); ++k) {
        const auto& p = fronts[u][k];
        const auto& q = fronts[u][b];
        if (p.latency * p.energy < q.latency * q.energy) b = k;
      }
      start.push_back(b);
    }
    NetworkEdpChoice info;
    ChooseNetworkEdp(fronts, rep, start, &info);
    const double chosen = double(info.runtime) * info.energy;
    const double per_layer =
        double(info.per_layer_runtime) * info.per_layer_energy;
    const double truth = BruteNetworkEdp(fronts, rep);
    EXPECT_LE(chosen, per_layer);
    EXPECT_GE(chosen, truth * (1 - 1e-12));
    equal += chosen <= truth * (1 + 1e-12);
  }
  std::printf("network EDP choice = brute force in %d of %d random cases\n",
              equal, trials);
  EXPECT_GE(equal, trials * 9 / 10);
}

// A tiny 2-layer network (small layers, exhaustive at one level): the choice is
// the brute-force optimum over the two fronts, and never worse than the
// per-layer EDP optima summed.
TEST(NetworkEdp, TinyNetworkEqualsBruteForce) {
  const Hardware hw = *HardwarePreset("pe256");
  std::vector<JobLayer> layers(2);
  layers[0].layer = Conv("a", 8, 8, 6, 3);
  layers[1].layer = Conv("b", 16, 16, 4, 3);
  layers[1].layer.repeat = 3;
  for (JobLayer& jl : layers) jl.role = LayerRole::kConv;
  SearchOptions o;
  o.strategy = Strategy::kExhaustive;
  o.space = {1, TileDomain::kAny};
  o.objective = Objective::kEdp;
  o.objective_spec = *ParseObjectiveSpec("edp");
  absl::StatusOr<NetworkSearch> n = SearchNetwork("tiny", layers, hw, o);
  ASSERT_TRUE(n.ok()) << n.status();
  ASSERT_TRUE(n->edp.applied) << n->edp.why_not;
  std::vector<std::vector<LatencyEnergy>> fronts;
  std::vector<int64_t> rep;
  double per_l = 0, per_e = 0;
  for (size_t u = 0; u < n->unique.size(); ++u) {
    std::vector<LatencyEnergy> f;
    double best = 1e300;
    size_t b = 0;
    for (size_t k = 0; k < n->unique[u].front.size(); ++k) {
      const Metrics& m = n->unique[u].front[k].w.metrics;
      f.push_back({double(m.runtime_cycles), m.energy_pj});
      if (double(m.runtime_cycles) * m.energy_pj < best)
        best = double(m.runtime_cycles) * m.energy_pj, b = k;
    }
    per_l += f[b].latency * n->unique_repeat[u];
    per_e += f[b].energy * n->unique_repeat[u];
    fronts.push_back(f);
    rep.push_back(n->unique_repeat[u]);
  }
  EXPECT_EQ(rep, (std::vector<int64_t>{1, 3}));
  EXPECT_GT(fronts[0].size() * fronts[1].size(), 4u);
  const double chosen =
      double(n->totals.found_runtime) * n->totals.found_energy;
  EXPECT_DOUBLE_EQ(chosen, BruteNetworkEdp(fronts, rep));
  EXPECT_LE(chosen, per_l * per_e);
  EXPECT_EQ(n->edp.per_layer_runtime, static_cast<int64_t>(per_l));
  std::printf(
      "tiny network EDP: chosen %.6g, per-layer optima %.6g, "
      "fronts %zu and %zu points\n",
      chosen, per_l * per_e, fronts[0].size(), fronts[1].size());
}

}  // namespace
}  // namespace maestro::search
