// The three strategies: every result within the budget (both readings),
// the evaluation count equal to the budget, the same result for any thread
// count, and a stop flag honoured.
#include <atomic>

#include "core/dsl/parser.h"
#include "core/engine/analysis.h"
#include "dse/confuciux/confuciux.h"
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
