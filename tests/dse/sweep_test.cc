// The sweep against a brute loop over the main job (RunNetwork at every
// grid point): the same valid set with the same figures, the same front;
// determinism across thread counts; --buffers fit; constraints; bad input;
// the best design's files read back reproduce its figures.
#include "dse/sweep.h"

#include <map>
#include <tuple>
#include <vector>

#include "absl/strings/match.h"
#include "core/area_model.h"
#include "core/dsl/parser.h"
#include "core/report/json_text.h"
#include "dse/confuciux/confuciux.h"
#include "dse/output.h"
#include "dse/pareto.h"
#include "frontend/onnx_frontend.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mappings/library.h"
#include "pipeline/model_run.h"

namespace maestro::dse {
namespace {

using ::testing::HasSubstr;
const std::string kRoot = MO_SOURCE_DIR;

DseProblem Load(const std::string& model, const std::string& dataflow,
                AreaModelKind area = AreaModelKind::kDefault) {
  absl::StatusOr<frontend::ExtractedModel> m =
      frontend::LoadOnnxModel(kRoot + "/models/" + model + ".onnx", {});
  EXPECT_TRUE(m.ok()) << m.status();
  DseProblem p;
  p.name = model;
  p.layers = JobLayersFromModel(*m);
  p.dataflow = dataflow;
  p.base = *HardwarePreset("pe256");
  p.base.area_model = area;
  return p;
}

using Key = std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t>;
Key KeyOf(const HardwarePoint& h) {
  return {h.pes, h.l1_size, h.l2_size, h.noc_bw, h.offchip_bw};
}

std::vector<int64_t> Values(const SweepGrid& g, absl::string_view f,
                            int64_t base) {
  const SweepAxis* a = g.Find(f);
  return a ? a->values : std::vector<int64_t>{base};
}

bool Meets(const DseConstraints& c, const DesignFigures& f) {
  return (!c.area_um2 || f.area_um2 <= *c.area_um2) &&
         (!c.power_mw || f.power_mw <= *c.power_mw) &&
         (!c.latency_cycles || f.runtime_cycles <= *c.latency_cycles) &&
         (!c.energy_pj || f.energy_pj <= *c.energy_pj);
}

// The main job at one hardware: its figures, or nullopt when a layer that
// has a block in the dataflow is not costed.
std::optional<DesignFigures> MainJob(const DseProblem& p, const Hardware& h,
                                     const DataflowLibraryFile& df) {
  JobOptions jo;
  std::vector<DataflowRun> runs = RunNetwork(p.layers, {df}, h, jo, p.name);
  const DataflowRun& run = runs[0];
  for (size_t i = 0; i < p.layers.size(); ++i) {
    const bool has_block =
        DataflowForLayer(df, p.layers[i].layer, p.layers[i].role).ok();
    if (has_block && !run.layers[i].status.ok()) return std::nullopt;
  }
  DesignFigures f;
  f.runtime_cycles = run.net.totals.runtime_cycles;
  f.energy_pj = run.net.totals.energy_pj;
  f.l1_size_req = run.net.totals.peak_l1_size_req;
  f.l2_size_req = run.net.totals.peak_l2_size_req;
  f.fits = !run.summary.overflows();
  const AreaEstimate a =
      EstimateArea(h, MakeAreaModel(h.area_model), BufferSizes::Configured(h));
  f.area_um2 = a.total_um2;
  f.power_mw = DesignPowerMw(a, f.energy_pj, f.runtime_cycles, h.clock_ghz);
  return f;
}

// Every grid point through the main job: the valid designs (under fit
// grid points that differ only in their l1 / l2 limits share one design)
// and the count of valid grid points.
struct BruteResult {
  std::map<Key, DesignFigures> valid;
  int64_t valid_points = 0;
};
BruteResult Brute(const DseProblem& p, const DseOptions& o) {
  const DataflowLibraryFile df =
      (*(*DataflowLibrary::Builtin())->Select(p.dataflow))[0];
  const Hardware& b = p.base;
  const bool fit = o.buffers == BufferPolicy::kFit;
  BruteResult out;
  for (int64_t pes : Values(o.grid, "pes", b.num_pes))
    for (int64_t l1 : Values(o.grid, "l1", b.l1_size))
      for (int64_t l2 : Values(o.grid, "l2", b.l2_size))
        for (int64_t noc : Values(o.grid, "noc_bw", b.noc_bw))
          for (int64_t off : Values(o.grid, "offchip_bw", b.offchip_bw)) {
            HardwarePoint pt{pes, l1, l2, noc, off};
            std::optional<DesignFigures> f = MainJob(p, ApplyPoint(b, pt), df);
            if (!f) continue;
            bool limits_met = true;
            if (fit) {  // the needs, rounded up, then the main job again
              // An l1 / l2 axis value is an upper limit of the need.
              limits_met = (!o.grid.Find("l1") || f->l1_size_req <= l1) &&
                           (!o.grid.Find("l2") || f->l2_size_req <= l2);
              pt.l1_size = FitSize(f->l1_size_req, kFitL1Granule);
              pt.l2_size = FitSize(f->l2_size_req, kFitL2Granule);
              f = MainJob(p, ApplyPoint(b, pt), df);
              EXPECT_TRUE(f && f->fits);
            }
            if (limits_met && f->fits && Meets(o.constraints, *f)) {
              out.valid[KeyOf(pt)] = *f;
              ++out.valid_points;
            }
          }
  return out;
}

DseOptions Options(const std::string& grid, const std::string& constraints,
                   int threads = 1) {
  DseOptions o;
  o.grid = *ParseSweepGrid(grid);
  o.constraints = *ParseDseConstraints(constraints);
  o.threads = threads;
  o.keep_ranked = o.grid.size();  // every valid point, to compare
  return o;
}

void ExpectSameAsMainJob(const DseProblem& p, const DseOptions& o) {
  absl::StatusOr<DseResult> r = RunSweep(p, o);
  ASSERT_TRUE(r.ok()) << r.status();
  const BruteResult brute = Brute(p, o);
  const std::map<Key, DesignFigures>& want = brute.valid;
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(r->points_evaluated, o.grid.size());
  EXPECT_EQ(r->points_valid, brute.valid_points);
  EXPECT_EQ(r->points_valid + r->points_not_costed + r->points_over_buffers +
                r->points_over_constraints,
            r->points_evaluated);
  ASSERT_EQ(r->ranked.size(), want.size());
  std::vector<DesignPoint> brute_points;
  for (const DesignPoint& d : r->ranked) {
    auto it = want.find(KeyOf(d.hw));
    ASSERT_NE(it, want.end()) << "pes " << d.hw.pes << " noc " << d.hw.noc_bw;
    EXPECT_EQ(d.fig.runtime_cycles, it->second.runtime_cycles);
    EXPECT_EQ(d.fig.energy_pj, it->second.energy_pj);
    EXPECT_EQ(d.fig.area_um2, it->second.area_um2);
    EXPECT_EQ(d.fig.power_mw, it->second.power_mw);
    EXPECT_EQ(d.fig.l1_size_req, it->second.l1_size_req);
    EXPECT_EQ(d.fig.l2_size_req, it->second.l2_size_req);
  }
  for (const auto& [k, f] : want) {
    DesignPoint d;
    d.hw = {std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k),
            std::get<4>(k)};
    d.fig = f;
    brute_points.push_back(d);
  }
  // The front, by the definition: the valid points no other dominates.
  // (O(n^2), independent of ParetoArchive.)
  std::vector<Key> front;
  for (const DesignPoint& a : brute_points) {
    bool dominated = false;
    for (const DesignPoint& b : brute_points) {
      dominated |= b.fig.runtime_cycles <= a.fig.runtime_cycles &&
                   b.fig.energy_pj <= a.fig.energy_pj &&
                   b.fig.area_um2 <= a.fig.area_um2 &&
                   (b.fig.runtime_cycles < a.fig.runtime_cycles ||
                    b.fig.energy_pj < a.fig.energy_pj ||
                    b.fig.area_um2 < a.fig.area_um2);
      // Equal figures: the smallest fields stand for them all.
      dominated |= b.fig.runtime_cycles == a.fig.runtime_cycles &&
                   b.fig.energy_pj == a.fig.energy_pj &&
                   b.fig.area_um2 == a.fig.area_um2 &&
                   KeyOf(b.hw) < KeyOf(a.hw);
    }
    if (!dominated) front.push_back(KeyOf(a.hw));
  }
  std::vector<Key> got;
  for (const DesignPoint& d : r->pareto) got.push_back(KeyOf(d.hw));
  std::sort(got.begin(), got.end());
  std::sort(front.begin(), front.end());
  EXPECT_EQ(got, front);
  // The best is the first ranked, the lowest objective.
  EXPECT_EQ(KeyOf(r->best.hw), KeyOf(r->ranked[0].hw));
}

TEST(Sweep, SameAsMainJobResnet18Nvdla) {
  // pes=32 cannot hold nvdla's Cluster(64): those 8 points are invalid.
  const DseProblem p = Load("resnet18", "nvdla");
  const DseOptions o = Options(
      "pes=32|64|256|1024,l1=64|1024,l2=32768|524288,noc_bw=16|256", "");
  ExpectSameAsMainJob(p, o);
  absl::StatusOr<DseResult> r = RunSweep(p, o);
  ASSERT_TRUE(r.ok());
  bool noted = false;
  for (const std::string& n : r->notes) {
    noted |= absl::StrContains(n, "INVALID: the 8 points with 32 PEs");
  }
  EXPECT_TRUE(noted) << testing::PrintToString(r->notes);
  EXPECT_EQ(r->points_not_costed, 8);
}

TEST(Sweep, SameAsMainJobMobilenetV2Eyeriss) {
  const DseProblem p = Load("mobilenet_v2", "eyeriss");
  const DseOptions o = Options(
      "pes=64|168|256,l1=256|4096,l2=65536|1048576,noc_bw=32|128,"
      "offchip_bw=16|64",
      "area<=4e6");
  ExpectSameAsMainJob(p, o);
}

TEST(Sweep, SameAsMainJobAlexnetTpuMaestroArea) {
  const DseProblem p = Load("alexnet", "tpu", AreaModelKind::kMaestro);
  const DseOptions o =
      Options("pes=64:256:64,l1=512|2048,l2=262144|1048576,noc_bw=8|64|128",
              "power<=2000,latency<=5e7");
  ExpectSameAsMainJob(p, o);
}

// Spec T7's size: a 10^4-point grid, on ResNet-18's first five layers (a
// 7x7/2 conv, 3x3 convs; 16..48 PEs cannot hold nvdla's Cluster(64,P)).
TEST(Sweep, SameAsMainJobTenThousandPoints) {
  DseProblem p = Load("resnet18", "nvdla");
  p.layers.resize(5);
  const DseOptions o = Options(
      "pes=16:400:16,l1=32|64|128|256|1024,l2=4096|16384|65536|262144|1048576,"
      "noc_bw=8|32|64|256,offchip_bw=8|32|64|256",
      "");
  ASSERT_EQ(o.grid.size(), 10000);
  ExpectSameAsMainJob(p, o);
}

// A dataflow file without a DSCONV block: MobileNet-V2's depthwise layers
// are left out of every design, said loudly; the rest is the main job's.
TEST(Sweep, LayersWithoutABlockAreLeftOutLoudly) {
  const DseProblem p =
      Load("mobilenet_v2", kRoot + "/tests/data/dataflows/nvdla_no_dsconv.m");
  const DseOptions o = Options("pes=64|256,noc_bw=16|64", "");
  ExpectSameAsMainJob(p, o);
  absl::StatusOr<DseResult> r = RunSweep(p, o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->partial);
  ASSERT_FALSE(r->notes.empty());
  EXPECT_THAT(r->notes[0], HasSubstr("PARTIAL: 17 of"));
  EXPECT_THAT(r->notes[0], HasSubstr("every design's figures leave them out"));
}

TEST(Sweep, BuffersFitSameAsMainJob) {
  const DseProblem p = Load("resnet18", "shidiannao");
  DseOptions o = Options("pes=64:1024:192,noc_bw=16|128,offchip_bw=8|64", "");
  o.buffers = BufferPolicy::kFit;
  ExpectSameAsMainJob(p, o);
  absl::StatusOr<DseResult> r = RunSweep(p, o);
  ASSERT_TRUE(r.ok());
  for (const DesignPoint& d : r->ranked) {
    EXPECT_EQ(d.hw.l1_size % kFitL1Granule, 0);
    EXPECT_GE(d.hw.l1_size, d.fig.l1_size_req);
    EXPECT_LT(d.hw.l1_size - kFitL1Granule,
              std::max<int64_t>(d.fig.l1_size_req, 1));
    EXPECT_EQ(d.hw.l2_size % kFitL2Granule, 0);
    EXPECT_GE(d.hw.l2_size, d.fig.l2_size_req);
  }
}

// Under fit an l1 / l2 axis is an upper limit: a grid point is valid only
// if the network's needs are within its values; the points of one cost key
// share the fitted design, listed once. shidiannao's L2 needs on resnet18
// grow with the PEs, so the limits cut the larger PE counts.
TEST(Sweep, BuffersFitAxesAreLimits) {
  const DseProblem p = Load("resnet18", "shidiannao");
  DseOptions o = Options(
      "pes=64:1024:192,l1=64|1024,l2=65536|262144|1048576,noc_bw=16|128", "");
  o.buffers = BufferPolicy::kFit;
  ExpectSameAsMainJob(p, o);
  absl::StatusOr<DseResult> r = RunSweep(p, o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_GT(r->points_over_buffers, 0);
  EXPECT_GT(r->points_valid, 0);
  for (const DesignPoint& d : r->ranked) {
    EXPECT_LE(d.fig.l1_size_req, 1024);
    EXPECT_LE(d.fig.l2_size_req, 1048576);
    EXPECT_EQ(d.hw.l2_size, FitSize(d.fig.l2_size_req, kFitL2Granule));
  }
  // The loosest limits alone: the same designs, fewer grid points.
  DseOptions loose =
      Options("pes=64:1024:192,l1=1024,l2=1048576,noc_bw=16|128", "");
  loose.buffers = BufferPolicy::kFit;
  absl::StatusOr<DseResult> l = RunSweep(p, loose);
  ASSERT_TRUE(l.ok()) << l.status();
  ASSERT_EQ(l->ranked.size(), r->ranked.size());
  for (size_t i = 0; i < r->ranked.size(); ++i) {
    EXPECT_TRUE(KeyOf(l->ranked[i].hw) == KeyOf(r->ranked[i].hw)) << i;
  }
}

// Everything but the timing fields.
std::string Stable(const DseProblem& p, const DseOptions& o) {
  absl::StatusOr<DseResult> r = RunSweep(p, o);
  EXPECT_TRUE(r.ok()) << r.status();
  nlohmann::ordered_json j = DseToJson(p, o, *r);
  const std::vector<std::string> timing = j["timing_fields"];
  for (const std::string& f : timing) j.erase(f);
  return DumpJson(j, 1) + ParetoCsv(*r) + r->best_mappings;
}

TEST(Sweep, DeterministicForAnyThreadCount) {
  const DseProblem p = Load("mobilenet_v2", "nvdla");
  DseOptions o =
      Options("pes=64:1024:64,noc_bw=8:64:8,offchip_bw=16|64", "area<=3.5e6");
  o.keep_ranked = 10;
  const std::string one = Stable(p, o);
  EXPECT_THAT(one, HasSubstr("\"points_evaluated\": 256"));
  for (int t : {2, 3, 7}) {
    o.threads = t;
    EXPECT_EQ(Stable(p, o), one) << t << " threads";
  }
}

TEST(Sweep, BestFilesReproduceTheBestOnTheMainJob) {
  const DseProblem p = Load("resnet18", "nvdla");
  DseOptions o = Options("pes=64:512:64,noc_bw=16|64,l1=512|2048", "");
  o.objective = DseObjective::kEdp;
  absl::StatusOr<DseResult> r = RunSweep(p, o);
  ASSERT_TRUE(r.ok() && r->found);
  const Hardware best = ApplyPoint(p.base, r->best.hw);
  const DataflowLibraryFile df =
      (*(*DataflowLibrary::Builtin())->Select("nvdla"))[0];
  for (const auto& [text, file] :
       {std::pair{HardwareFileJson(best), "best-hw.json"},
        std::pair{MaestroHardwareText(best), "best-hw.m"}}) {
    absl::StatusOr<Hardware> h = ParseHardwareText(text, file);
    ASSERT_TRUE(h.ok()) << file << ": " << h.status();
    std::optional<DesignFigures> f = MainJob(p, *h, df);
    ASSERT_TRUE(f) << file;
    EXPECT_EQ(f->runtime_cycles, r->best.fig.runtime_cycles) << file;
    EXPECT_EQ(f->energy_pj, r->best.fig.energy_pj) << file;
    EXPECT_EQ(f->area_um2, r->best.fig.area_um2) << file;
  }
  // best.m on the best hardware: the same totals, layer by layer.
  absl::StatusOr<MappingFile> mf = ParseMappingFile(r->best_mappings, "best.m");
  ASSERT_TRUE(mf.ok()) << mf.status();
  int64_t cycles = 0;
  double energy = 0;
  for (const MappedLayer& ml : mf->layers) {
    absl::StatusOr<ResolvedMapping> rm =
        ResolveDataflow(ml.dataflow, ml.layer, best);
    ASSERT_TRUE(rm.ok()) << rm.status();
    absl::StatusOr<LayerResult> lr = AnalyzeLayer(ml.layer, *rm, best, {});
    ASSERT_TRUE(lr.ok()) << lr.status();
    cycles += lr->runtime_cycles;
    energy += lr->energy_pj;
  }
  EXPECT_EQ(cycles, r->best.fig.runtime_cycles);
  EXPECT_EQ(energy, r->best.fig.energy_pj);
  EXPECT_THAT(r->best_mappings, HasSubstr("Dataflow {"));
  EXPECT_THAT(r->best_mappings,
              HasSubstr(absl::StrCat("pes=", r->best.hw.pes)));
}

TEST(Sweep, NoFeasiblePointKeepsTheClosest) {
  const DseProblem p = Load("resnet18", "nvdla");
  const DseOptions o = Options("pes=64|128,noc_bw=16|64", "latency<=1000");
  absl::StatusOr<DseResult> r = RunSweep(p, o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->found);
  EXPECT_EQ(r->points_valid, 0);
  EXPECT_TRUE(r->ranked.empty() && r->pareto.empty());
  EXPECT_EQ(r->best.hw.pes, 128);  // the fastest is the least over the cap
  EXPECT_FALSE(r->best.fig.feasible);
  EXPECT_GT(r->best.fig.violation, 0);
}

TEST(Sweep, RefusesImpossibleInput) {
  const DseProblem p = Load("resnet18", "nvdla");
  struct Case {
    std::string grid, constraints;
    BufferPolicy buffers;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"pes=64:256:64", "area<=1000", BufferPolicy::kFixed,
       "--constraint area<=1000: no design can meet it: the grid's smallest "
       "design (pes=64, l1_size=1024, l2_size=524288, noc_bw=128)"},
  };
  for (const Case& c : cases) {
    DseOptions o = Options(c.grid, c.constraints);
    o.buffers = c.buffers;
    absl::StatusOr<DseResult> r = RunSweep(p, o);
    ASSERT_FALSE(r.ok()) << c.grid;
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(r.status().message()), HasSubstr(c.want));
  }
  DseProblem m = Load("resnet18", "nvdla", AreaModelKind::kMaestro);
  absl::StatusOr<DseResult> r =
      RunSweep(m, Options("pes=64:256:64", "power<=1"));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("module power of"));
  m.dataflow = "nvdla,eyeriss";
  r = RunSweep(m, Options("pes=64", ""));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("expected one"));
}

TEST(RunDse, DispatchesTheConfuciuxStrategies) {
  const DseProblem p = Load("resnet18", "nvdla");
  for (DseStrategy st :
       {DseStrategy::kRlGa, DseStrategy::kGa, DseStrategy::kRandom}) {
    DseOptions o = Options("pes=64", "");
    o.strategy = st;
    o.budget_evals = 300;
    absl::StatusOr<DseResult> via_dse = RunDse(p, o);
    absl::StatusOr<DseResult> direct = RunConfuciux(p, o);
    ASSERT_TRUE(via_dse.ok()) << via_dse.status();
    ASSERT_TRUE(direct.ok()) << direct.status();
    EXPECT_EQ(via_dse->points_evaluated, 300) << DseStrategyName(st);
    EXPECT_EQ(via_dse->best.fig.runtime_cycles,
              direct->best.fig.runtime_cycles);
    ASSERT_EQ(via_dse->assignment.size(), direct->assignment.size());
    for (size_t i = 0; i < direct->assignment.size(); ++i) {
      EXPECT_EQ(via_dse->assignment[i].pes, direct->assignment[i].pes);
      EXPECT_EQ(via_dse->assignment[i].buffer_level,
                direct->assignment[i].buffer_level);
    }
  }
}

TEST(Sweep, StopKeepsWhatWasEvaluated) {
  const DseProblem p = Load("resnet18", "nvdla");
  std::atomic<bool> stop{true};
  DseOptions o = Options("pes=64:1024:64,noc_bw=8:256:8", "");
  o.stop = &stop;
  absl::StatusOr<DseResult> r = RunSweep(p, o);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->stopped_early);
  EXPECT_EQ(r->points_evaluated, 0);
}

}  // namespace
}  // namespace maestro::dse
