// The dse command's parsers, table-driven: --sweep, --constraint,
// --strategy, --objective, and the objective values and ranking order.
#include <string>
#include <vector>

#include "dse/dse.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace maestro::dse {
namespace {

using ::testing::HasSubstr;

struct GridCase {
  std::string text;
  std::vector<std::pair<std::string, std::vector<int64_t>>> axes;
  int64_t size;
};

TEST(ParseSweepGrid, Accepts) {
  const std::vector<GridCase> cases = {
      {"pes=64:256:64", {{"pes", {64, 128, 192, 256}}}, 4},
      {"noc_bw=8:20:8,pes=4", {{"pes", {4}}, {"noc_bw", {8, 16}}}, 2},
      {"l1=1024|512|512", {{"l1", {512, 1024}}}, 2},
      {"num_pes=2:3:5,l2_size=7", {{"pes", {2}}, {"l2", {7}}}, 1},
      {" offchip_bw=1:3:1 , l1_size=9 ",
       {{"l1", {9}}, {"offchip_bw", {1, 2, 3}}},
       3},
  };
  for (const GridCase& c : cases) {
    absl::StatusOr<SweepGrid> g = ParseSweepGrid(c.text);
    ASSERT_TRUE(g.ok()) << c.text << ": " << g.status();
    ASSERT_EQ(g->axes.size(), c.axes.size()) << c.text;
    for (size_t i = 0; i < c.axes.size(); ++i) {
      EXPECT_EQ(g->axes[i].field, c.axes[i].first) << c.text;
      EXPECT_EQ(g->axes[i].values, c.axes[i].second) << c.text;
    }
    EXPECT_EQ(g->size(), c.size) << c.text;
  }
}

TEST(ParseSweepGrid, RefusesWithOneMessage) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "--sweep is empty"},
      {"  ", "--sweep is empty"},
      {"pes=0:64:8", "PEs 0; expected a whole number from 1"},
      {"pes=0", "PEs 0"},
      {"pes=64:8:8", "MIN 64 > MAX 8"},
      {"pes=8:64:0", "step '0'; expected a positive"},
      {"pes=8:64:-4", "step '-4'"},
      {"pes=8:64", "expected MIN:MAX:STEP"},
      {"cores=8", "unknown field 'cores'"},
      {"pes", "expected FIELD=MIN:MAX:STEP"},
      {"pes=8,pes=16", "pes is swept twice"},
      {"pes=8,num_pes=16", "pes is swept twice"},
      {"l1=a|b", "'a' is not a whole number"},
      {"l1=", "'' is not a whole number"},
      {"l1=2000000000000", "expected a whole number from 1 to 2^40"},
      {"pes=1:100000:1,l1=1:100000:1", "design points; expected at most"},
      {"pes=1:1099511627776:1", "more than 1000000 values on one axis"},
      {"pes=1:1000001:1", "more than 1000000 values on one axis"},
  };
  for (const auto& [text, want] : cases) {
    absl::StatusOr<SweepGrid> g = ParseSweepGrid(text);
    ASSERT_FALSE(g.ok()) << text;
    EXPECT_EQ(g.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_THAT(std::string(g.status().message()), HasSubstr(want)) << text;
  }
}

TEST(ParseDseConstraints, AcceptsAndRefuses) {
  absl::StatusOr<DseConstraints> c =
      ParseDseConstraints("area<=5e6, power<=100,latency<=1e6,energy<=2.5");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(*c->area_um2, 5e6);
  EXPECT_EQ(*c->power_mw, 100);
  EXPECT_EQ(*c->latency_cycles, 1e6);
  EXPECT_EQ(*c->energy_pj, 2.5);
  EXPECT_EQ(c->Text(), "area<=5e+06,power<=100,latency<=1e+06,energy<=2.5");
  EXPECT_TRUE(ParseDseConstraints("")->empty());
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"area<=0", "expected a positive number"},
      {"area<=-1", "expected a positive number"},
      {"area<=x", "'x'; expected a positive number"},
      {"area<=inf", "expected a positive number"},
      {"area>=5", "expected area<=UM2"},
      {"l1<=5", "unknown key 'l1'"},
      {"area<=5,area<=6", "area is given twice"},
  };
  for (const auto& [text, want] : bad) {
    absl::StatusOr<DseConstraints> r = ParseDseConstraints(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_THAT(std::string(r.status().message()), HasSubstr(want)) << text;
  }
}

TEST(DseNames, RoundTrip) {
  for (const char* s : {"sweep", "rl-ga", "ga", "random", "cosearch"}) {
    std::optional<DseStrategy> st = ParseDseStrategy(s);
    ASSERT_TRUE(st) << s;
    EXPECT_EQ(DseStrategyName(*st), s);
  }
  EXPECT_FALSE(ParseDseStrategy("exhaustive"));
  for (const char* s :
       {"latency", "energy", "edp", "perf-per-area", "area", "power"}) {
    std::optional<DseObjective> o = ParseDseObjective(s);
    ASSERT_TRUE(o) << s;
    EXPECT_EQ(DseObjectiveName(*o), s);
  }
  EXPECT_FALSE(ParseDseObjective("throughput"));
}

TEST(DseObjectiveValue, EachObjective) {
  DesignFigures f;
  f.runtime_cycles = 100;
  f.energy_pj = 3;
  f.area_um2 = 7;
  f.power_mw = 11;
  EXPECT_EQ(DseObjectiveValue(DseObjective::kLatency, f), 100);
  EXPECT_EQ(DseObjectiveValue(DseObjective::kEnergy, f), 3);
  EXPECT_EQ(DseObjectiveValue(DseObjective::kEdp, f), 300);
  EXPECT_EQ(DseObjectiveValue(DseObjective::kPerfPerArea, f), 700);
  EXPECT_EQ(DseObjectiveValue(DseObjective::kArea, f), 7);
  EXPECT_EQ(DseObjectiveValue(DseObjective::kPower, f), 11);
}

TEST(DesignLess, TotalOrder) {
  DesignPoint a, b;
  a.fig.runtime_cycles = b.fig.runtime_cycles = 10;
  a.hw.pes = 64;
  b.hw.pes = 128;
  // Equal objective: the point's fields decide.
  EXPECT_TRUE(DesignLess(DseObjective::kLatency, a, b));
  EXPECT_FALSE(DesignLess(DseObjective::kLatency, b, a));
  EXPECT_FALSE(DesignLess(DseObjective::kLatency, a, a));
  // Feasible first, then the smaller violation.
  a.fig.feasible = false;
  a.fig.violation = 0.5;
  EXPECT_TRUE(DesignLess(DseObjective::kLatency, b, a));
  b.fig.feasible = false;
  b.fig.violation = 0.25;
  EXPECT_TRUE(DesignLess(DseObjective::kLatency, b, a));
}

TEST(ApplyPoint, SetsTheFieldsAndKeepsTheRest) {
  Hardware base = *HardwarePreset("pe256");
  const Hardware h = ApplyPoint(base, {1024, 2048, 4096, 32, 16});
  EXPECT_EQ(h.num_pes, 1024);
  EXPECT_EQ(h.l1_size, 2048);
  EXPECT_EQ(h.l2_size, 4096);
  EXPECT_EQ(h.noc_bw, 32);
  EXPECT_EQ(h.offchip_bw, 16);
  EXPECT_EQ(h.simd_lanes, base.simd_lanes);
  EXPECT_EQ(h.energy.dram_pj, base.energy.dram_pj);
  const HardwarePoint p = PointOf(h);
  EXPECT_EQ(p.pes, 1024);
  EXPECT_EQ(p.offchip_bw, 16);
  // A 0 field keeps the base value.
  EXPECT_EQ(ApplyPoint(base, {0, 0, 0, 0, 7}).num_pes, 256);
}

TEST(FitSize, RoundsUpToTheGranule) {
  EXPECT_EQ(FitSize(0, 64), 64);
  EXPECT_EQ(FitSize(1, 64), 64);
  EXPECT_EQ(FitSize(64, 64), 64);
  EXPECT_EQ(FitSize(65, 64), 128);
  EXPECT_EQ(FitSize(1025, 1024), 2048);
}

}  // namespace
}  // namespace maestro::dse
