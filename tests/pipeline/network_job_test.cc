// Whole networks x the dataflow library: every library dataflow on every
// layer of every model in models/ (MACs exact, no error), equivalence with
// `eval` on the printed .m file, deduplication and thread-independence.
#include "pipeline/network_job.h"

#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "core/dsl/parser.h"
#include "core/dsl/printer.h"
#include "core/engine/network.h"
#include "gtest/gtest.h"
#include "pipeline/model_run.h"
#include "pipeline/network_report.h"

namespace maestro {
namespace {

const std::string kRoot = MO_SOURCE_DIR;

// model -> MACs_total from models/layers/summary.csv (the independent
// reference, which agrees with torchvision's published GMACs).
std::map<std::string, int64_t> ReferenceMacs() {
  std::ifstream in(kRoot + "/models/layers/summary.csv");
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header = absl::StrSplit(line, ',');
  size_t col = 0;
  while (col < header.size() && header[col] != "MACs_total") ++col;
  std::map<std::string, int64_t> out;
  while (std::getline(in, line)) {
    std::vector<std::string> f = absl::StrSplit(line, ',');
    int64_t v;
    if (f.size() > col && absl::SimpleAtoi(f[col], &v)) out[f[0]] = v;
  }
  return out;
}

std::vector<DataflowLibraryFile> AllDataflows() {
  auto lib = DataflowLibrary::Builtin();
  EXPECT_TRUE(lib.ok()) << lib.status();
  auto all = (*lib)->Select("all");
  EXPECT_TRUE(all.ok()) << all.status();
  return *all;
}

Hardware DefaultHw() {
  auto hw = HardwarePreset(kDefaultHardwarePreset);
  EXPECT_TRUE(hw.ok());
  return *hw;
}

class EveryModelTest : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryModelTest, EveryDataflowCostsEveryLayerWithExactMacs) {
  const std::string model = GetParam();
  const int64_t ref = ReferenceMacs().at(model);
  frontend::FrontendOptions fo;
  JobOptions job;
  auto run = RunModel(kRoot + "/models/" + model + ".onnx", fo, AllDataflows(),
                      DefaultHw(), job);
  ASSERT_TRUE(run.ok()) << run.status();
  ASSERT_FALSE(run->layers.empty());
  for (const DataflowRun& r : run->runs) {
    SCOPED_TRACE(r.dataflow);
    EXPECT_FALSE(r.summary.partial()) << r.summary.first_not_costed;
    EXPECT_EQ(r.summary.layers_not_costed(), 0);
    for (size_t i = 0; i < run->layers.size(); ++i) {
      const LayerOutcome& o = r.layers[i];
      ASSERT_TRUE(o.status.ok())
          << run->layers[i].layer.name << ": " << o.status;
      EXPECT_EQ(o.result.macs, AnalyticMacs(run->layers[i].layer))
          << run->layers[i].layer.name;
      EXPECT_GT(o.result.runtime_cycles, 0) << run->layers[i].layer.name;
      EXPECT_GE(o.result.runtime_cycles * DefaultHw().num_pes, o.result.macs)
          << run->layers[i].layer.name << ": faster than every PE busy";
    }
    EXPECT_EQ(r.net.totals.macs, ref) << "network MACs vs summary.csv";
  }
  // The per-layer best is never slower than any single dataflow.
  for (const DataflowRun& r : run->runs) {
    EXPECT_LE(run->best.net.totals.runtime_cycles, r.net.totals.runtime_cycles);
  }
}

INSTANTIATE_TEST_SUITE_P(Models, EveryModelTest,
                         ::testing::Values("alexnet", "efficientnet_b0",
                                           "googlenet", "mobilenet_v2",
                                           "mobilenet_v3_small", "resnet18",
                                           "resnet50", "squeezenet1_1", "vgg16",
                                           "vit_b_16"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

// The library run of a network equals `eval` of the same layers and
// dataflows written out as a MAESTRO .m file (expressions evaluated) and
// read back: the pipeline adds nothing of its own to the numbers.
TEST(NetworkJobTest, EqualsEvalOfThePrintedMappingFile) {
  const Hardware hw = DefaultHw();
  frontend::FrontendOptions fo;
  auto lib = DataflowLibrary::Builtin();
  ASSERT_TRUE(lib.ok());
  for (const char* name : {"nvdla", "shidiannao", "eyeriss"}) {
    SCOPED_TRACE(name);
    auto dfs = (*lib)->Select(name);
    ASSERT_TRUE(dfs.ok());
    auto run = RunModel(kRoot + "/models/mobilenet_v2.onnx", fo, *dfs, hw, {});
    ASSERT_TRUE(run.ok()) << run.status();
    MappingFile file;
    file.network_name = "mobilenet_v2";
    for (const JobLayer& jl : run->layers) {
      auto df = DataflowForLayer((*dfs)[0], jl.layer, jl.role);
      ASSERT_TRUE(df.ok());
      MappedLayer ml;
      ml.layer = jl.layer;
      ml.dataflow = **df;
      file.layers.push_back(ml);
    }
    PrintOptions po;
    po.evaluate_expressions = true;
    auto text = PrintMappingFileChecked(file, po);
    ASSERT_TRUE(text.ok()) << text.status();
    auto parsed = ParseMappingFile(*text, "printed.m");
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    auto eval = AnalyzeMappingFile(*parsed, hw, AnalysisOptions{});
    ASSERT_TRUE(eval.ok()) << eval.status();
    const DataflowRun& r = run->runs[0];
    ASSERT_EQ(eval->layers.size(), r.net.layers.size());
    for (size_t i = 0; i < r.net.layers.size(); ++i) {
      const LayerResult& a = r.net.layers[i];
      const LayerResult& b = eval->layers[i];
      SCOPED_TRACE(a.name);
      EXPECT_EQ(a.macs, b.macs);
      EXPECT_EQ(a.runtime_cycles, b.runtime_cycles);
      EXPECT_EQ(a.l1_size_req, b.l1_size_req);
      EXPECT_EQ(a.l2_size_req, b.l2_size_req);
      EXPECT_EQ(a.noc_bw_req_peak, b.noc_bw_req_peak);
      for (int t = 0; t < kNumTensors; ++t) {
        EXPECT_EQ(a.access[t].l2_read, b.access[t].l2_read) << TensorName(t);
        EXPECT_EQ(a.access[t].l2_write, b.access[t].l2_write) << TensorName(t);
      }
      EXPECT_DOUBLE_EQ(a.energy_pj, b.energy_pj);
    }
  }
}

TEST(NetworkJobTest, IdenticalLayersAreAnalysedOnce) {
  auto run = RunModel(kRoot + "/models/resnet50.onnx", {}, AllDataflows(),
                      DefaultHw(), {});
  ASSERT_TRUE(run.ok());
  const DataflowRun& r = run->runs[0];
  int64_t reused = 0;
  for (const LayerOutcome& o : r.layers) reused += o.reused;
  // ResNet-50 repeats its bottleneck blocks: 54 layers, far fewer shapes.
  EXPECT_EQ(run->layers.size(), 54u);
  EXPECT_EQ(r.unique_analyses + reused, 54);
  EXPECT_LT(r.unique_analyses, 30);
  EXPECT_GT(reused, 0);
}

TEST(NetworkJobTest, OutputDoesNotDependOnThreadCount) {
  const Hardware hw = DefaultHw();
  std::string out[2];
  for (int k = 0; k < 2; ++k) {
    JobOptions job;
    job.threads = k == 0 ? 1 : 4;
    auto run =
        RunModel(kRoot + "/models/googlenet.onnx", {}, AllDataflows(), hw, job);
    ASSERT_TRUE(run.ok());
    std::vector<ModelRun> runs;
    runs.push_back(*std::move(run));
    out[k] = RunsToJson(runs, hw).dump(1);
  }
  EXPECT_EQ(out[0], out[1]);
}

TEST(NetworkJobTest, ALayerADataflowCannotMapIsReportedNotDropped) {
  // maeri needs R*S PEs per virtual neuron: a 16x16 kernel (ViT's patch
  // embedding) does not fit 64 PEs.
  Hardware hw = DefaultHw();
  hw.num_pes = 64;
  auto lib = DataflowLibrary::Builtin();
  ASSERT_TRUE(lib.ok());
  auto dfs = (*lib)->Select("maeri");
  ASSERT_TRUE(dfs.ok());
  auto run = RunModel(kRoot + "/models/vit_b_16.onnx", {}, *dfs, hw, {});
  ASSERT_TRUE(run.ok()) << run.status();
  const DataflowRun& r = run->runs[0];
  ASSERT_GE(r.summary.layers_not_costed(), 1);
  EXPECT_FALSE(r.layers[0].status.ok());
  EXPECT_NE(std::string(r.layers[0].status.message()).find("/conv_proj/Conv"),
            std::string::npos)
      << r.layers[0].status;
  EXPECT_EQ(static_cast<int64_t>(r.net.layers.size()) +
                r.summary.layers_not_costed(),
            static_cast<int64_t>(run->layers.size()));
  EXPECT_TRUE(r.summary.partial());
  EXPECT_EQ(r.summary.macs_not_costed, AnalyticMacs(run->layers[0].layer));
}

}  // namespace
}  // namespace maestro
