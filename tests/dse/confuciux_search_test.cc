// The three strategies: every result within the budget (both readings),
// the evaluation count equal to the budget, the same result for any thread
// count, a stop flag honoured; the elite rl-ga's GA starts from and the
// fresh-children rule.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <set>
#include <string>

#include "core/dsl/parser.h"
#include "core/engine/analysis.h"
#include "dse/confuciux/confuciux.h"
#include "dse/confuciux/strategies.h"
#include "gtest/gtest.h"
#include "tests/dse/confuciux_testlib.h"

namespace maestro::dse::confuciux {
namespace {

constexpr DseStrategy kAll[] = {DseStrategy::kRlGa, DseStrategy::kGa,
                                DseStrategy::kRandom};

TEST(ConfuciuxSearch, EveryResultIsWithinTheBudget) {
  const DseProblem p = ExampleProblem("shidiannao");
  const ActionTable t = *BuildActionTable(p, {}, 2);
  for (AssignmentReading reading :
       {AssignmentReading::kSum, AssignmentReading::kMax}) {
    const AssignmentSpace s =
        *AssignmentSpace::Make(t, p.base, reading, DseObjective::kLatency, 0.5);
    for (DseStrategy strat : kAll) {
      for (uint64_t seed = 1; seed <= 5; ++seed) {
        DseOptions o;
        o.strategy = strat;
        o.seed = seed;
        o.budget_evals = 300;
        const Outcome r = *Search(s, o);
        ASSERT_TRUE(r.result.found);
        EXPECT_EQ(r.result.points_evaluated, 300);
        EXPECT_LE(s.Cost(r.best).area_um2, s.budget());
        EXPECT_GT(r.result.points_valid, 0);
        // The convergence list ends at the best.
        ASSERT_FALSE(r.convergence.empty());
        EXPECT_EQ(r.convergence.back().objective, s.Objective(r.best_cost));
      }
    }
  }
}

// The Tracker's elite (what rl-ga's GA starts from): distinct, feasible,
// best first, at most 20, headed by the best.
TEST(ConfuciuxSearch, TheEliteIsTheBestDistinctFeasibleAssignments) {
  const DseProblem p = ExampleProblem("shidiannao");
  const ActionTable t = *BuildActionTable(p, {}, 2);
  const AssignmentSpace s = *AssignmentSpace::Make(
      t, p.base, AssignmentReading::kSum, DseObjective::kLatency, 0.5);
  DseOptions o;
  o.strategy = DseStrategy::kRandom;
  Tracker tr(s, o, 500);
  std::vector<Assignment> all;
  for (int i = 0; i < 500; ++i) {
    Assignment a = {static_cast<uint8_t>((i * 37) % kActions),
                    static_cast<uint8_t>((i * 101) % kActions)};
    if (i % 7 == 0 && !all.empty()) a = all.back();  // repeats too
    tr.Evaluate(a);
    all.push_back(a);
  }
  std::set<std::string> keys;  // the distinct feasible assignments
  for (const Assignment& a : all) {
    if (s.Feasible(s.Cost(a))) keys.insert(std::string(a.begin(), a.end()));
  }
  std::vector<Assignment> want;
  for (const std::string& k : keys) want.emplace_back(k.begin(), k.end());
  std::sort(want.begin(), want.end(), [&](const auto& a, const auto& b) {
    return s.Better(s.Cost(a), a, s.Cost(b), b);
  });
  want.resize(std::min<size_t>(want.size(), Tracker::kEliteSize));
  ASSERT_EQ(want.size(), Tracker::kEliteSize);
  ASSERT_EQ(tr.elite().size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(tr.elite()[i][0], want[i][0]) << i;
    EXPECT_EQ(tr.elite()[i][1], want[i][1]) << i;
  }
  EXPECT_EQ(tr.elite()[0][0], tr.best()[0]);
  EXPECT_EQ(tr.elite()[0][1], tr.best()[1]);
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(tr.elite_cost()[i].runtime_cycles,
              s.Cost(want[i]).runtime_cycles);
  }
}

// Ours evaluates fewer repeats than ConfuciuX's reading (a child already
// evaluated is mutated again), at the same evaluation count.
TEST(ConfuciuxSearch, FreshChildrenMeanFewerRepeats) {
  const DseProblem p = ExampleProblem("shidiannao");
  const ActionTable t = *BuildActionTable(p, {}, 2);
  const AssignmentSpace s = *AssignmentSpace::Make(
      t, p.base, AssignmentReading::kSum, DseObjective::kLatency, 0.5);
  for (DseStrategy strat : {DseStrategy::kRlGa, DseStrategy::kGa}) {
    int64_t ours = 0, theirs = 0;
    for (uint64_t seed = 1; seed <= 5; ++seed) {
      DseOptions o;
      o.strategy = strat;
      o.seed = seed;
      o.budget_evals = 415;
      Variant cx;
      cx.confuciux = true;
      const Outcome a = *Search(s, o), b = *Search(s, o, cx);
      EXPECT_EQ(a.result.points_evaluated, 415);
      EXPECT_EQ(b.result.points_evaluated, 415);
      ours += a.distinct;
      theirs += b.distinct;
    }
    std::printf("%s: %lld vs %lld distinct of 5 x 415\n",
                strat == DseStrategy::kGa ? "ga" : "rl-ga",
                static_cast<long long>(ours), static_cast<long long>(theirs));
    EXPECT_GT(ours, theirs);
  }
}

TEST(ConfuciuxSearch, SameResultForAnyThreadCount) {
  const DseProblem p = ExampleProblem("nvdla");
  for (DseStrategy strat : kAll) {
    DseOptions o;
    o.strategy = strat;
    o.seed = 7;
    o.budget_evals = 200;
    o.reading = AssignmentReading::kMax;
    o.threads = 1;
    const DseResult a = *RunConfuciux(p, o);
    o.threads = 2;
    const DseResult b = *RunConfuciux(p, o);
    ASSERT_EQ(a.assignment.size(), 2u);
    ASSERT_EQ(b.assignment.size(), 2u);
    for (size_t i = 0; i < 2; ++i) {
      EXPECT_EQ(a.assignment[i].pes, b.assignment[i].pes);
      EXPECT_EQ(a.assignment[i].buffer_level, b.assignment[i].buffer_level);
    }
    EXPECT_EQ(a.best.fig.runtime_cycles, b.best.fig.runtime_cycles);
    EXPECT_EQ(a.best.fig.area_um2, b.best.fig.area_um2);
    EXPECT_EQ(a.points_valid, b.points_valid);
    // max reading: the shared accelerator has the largest PEs assigned.
    EXPECT_EQ(a.best.hw.pes,
              std::max(a.assignment[0].pes, a.assignment[1].pes));
  }
}

TEST(ConfuciuxSearch, ResultFieldsAddUp) {
  const DseProblem p = ExampleProblem("shidiannao");
  DseOptions o;
  o.strategy = DseStrategy::kGa;
  o.budget_evals = 100;
  const DseResult r = *RunConfuciux(p, o);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.assignment[0].layer, "layer0");
  EXPECT_EQ(r.best.fig.runtime_cycles,
            r.assignment[0].runtime_cycles + r.assignment[1].runtime_cycles);
  EXPECT_EQ(r.best.hw.pes, r.assignment[0].pes + r.assignment[1].pes);
  EXPECT_TRUE(r.best.fig.feasible);
  EXPECT_GT(r.designs_per_s, 0);
}

TEST(ConfuciuxSearch, AStopFlagEndsTheRunAtTheFirstBatch) {
  const DseProblem p = ExampleProblem("shidiannao");
  std::atomic<bool> stop{true};
  for (DseStrategy strat : kAll) {
    DseOptions o;
    o.strategy = strat;
    o.budget_evals = 100000;
    o.stop = &stop;
    const DseResult r = *RunConfuciux(p, o);
    EXPECT_TRUE(r.stopped_early);
    EXPECT_LE(r.points_evaluated, 20);
  }
}

TEST(ConfuciuxSearch, ProgressIsReportedUpToTheBudget) {
  const DseProblem p = ExampleProblem("shidiannao");
  for (DseStrategy strat : kAll) {
    std::vector<DseProgress> seen;
    DseOptions o;
    o.strategy = strat;
    o.budget_evals = 3000;
    o.on_progress = [&](const DseProgress& pr) { seen.push_back(pr); };
    const DseResult r = *RunConfuciux(p, o);
    ASSERT_GE(seen.size(), 2u);
    for (size_t i = 1; i < seen.size(); ++i) {
      EXPECT_GE(seen[i].points, seen[i - 1].points);
      EXPECT_LE(seen[i].best_objective, seen[i - 1].best_objective);
    }
    EXPECT_EQ(seen.back().points, 3000);
    EXPECT_EQ(seen.back().budget_points, 3000);
    EXPECT_EQ(seen.back().best_objective,
              static_cast<double>(r.best.fig.runtime_cycles));
  }
}

// T4 for assignments: best.m re-parsed and each layer re-analysed at its
// assigned PEs gives the assignment's cycles.
TEST(ConfuciuxSearch, BestMappingsReproduceTheAssignment) {
  const DseProblem p = ExampleProblem("shidiannao");
  DseOptions o;
  o.strategy = DseStrategy::kRlGa;
  o.budget_evals = 200;
  const DseResult r = *RunConfuciux(p, o);
  absl::StatusOr<MappingFile> f = ParseMappingFile(r.best_mappings, "best.m");
  ASSERT_TRUE(f.ok()) << f.status() << "\n" << r.best_mappings;
  ASSERT_EQ(f->layers.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    Hardware hw = p.base;
    hw.num_pes = r.assignment[i].pes;
    hw.l1_size = hw.l2_size = 819200000;
    const MappedLayer& ml = f->layers[i];
    absl::StatusOr<ResolvedMapping> m =
        ResolveDataflow(ml.dataflow, ml.layer, hw);
    ASSERT_TRUE(m.ok()) << m.status();
    absl::StatusOr<LayerResult> lr = AnalyzeLayer(ml.layer, *m, hw, {});
    ASSERT_TRUE(lr.ok()) << lr.status();
    EXPECT_EQ(lr->runtime_cycles, r.assignment[i].runtime_cycles);
  }
}

}  // namespace
}  // namespace maestro::dse::confuciux
