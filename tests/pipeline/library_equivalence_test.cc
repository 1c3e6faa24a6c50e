// The library dataflows that are MAESTRO's own (nvdla = kcp_ws, xp_ws, nlr,
// shidiannao = yxp_os at stride 1) give, on MAESTRO's shipped network files,
// the same numbers as the directive lists written in those files: swapping
// each layer's dataflow for the library's changes nothing, under both
// semantics. (The files themselves agree with MAESTRO's reference outputs:
// tests/core/engine_reference_test.cc.)
#include <string>

#include "core/dsl/parser.h"
#include "core/engine/network.h"
#include "gtest/gtest.h"
#include "mappings/library.h"

namespace maestro {
namespace {

const std::string kMaps =
    std::string(MO_SOURCE_DIR) + "/tests/data/maestro/inputs/mapping/";

struct Case {
  const char* file;
  const char* dataflow;
  bool stride1_only;  // MAESTRO's yxp_os files hard-code X tiles per stride
};

class LibraryEquivalenceTest : public ::testing::TestWithParam<Case> {};

TEST_P(LibraryEquivalenceTest, SameNumbersAsTheShippedFile) {
  const Case c = GetParam();
  auto file = LoadMappingFile(kMaps + c.file);
  ASSERT_TRUE(file.ok()) << file.status();
  auto lib = DataflowLibrary::Builtin();
  ASSERT_TRUE(lib.ok());
  const DataflowLibraryFile* df = (*lib)->Find(c.dataflow);
  ASSERT_NE(df, nullptr);
  MappingFile swapped = *file;
  std::vector<bool> compare(file->layers.size(), true);
  for (size_t i = 0; i < swapped.layers.size(); ++i) {
    const Layer& l = swapped.layers[i].layer;
    if (c.stride1_only && (l.stride_x != 1 || l.stride_y != 1))
      compare[i] = false;
    auto d = DataflowForLayer(*df, l, LayerRole::kConv);
    ASSERT_TRUE(d.ok()) << d.status();
    swapped.layers[i].dataflow = **d;
  }
  auto hw = HardwarePreset("maestro-acc1");
  ASSERT_TRUE(hw.ok());
  for (Semantics sem : {Semantics::kMaestro, Semantics::kExact}) {
    SCOPED_TRACE(std::string(SemanticsName(sem)));
    AnalysisOptions opts;
    opts.semantics = sem;
    auto a = AnalyzeMappingFile(*file, *hw, opts);
    auto b = AnalyzeMappingFile(swapped, *hw, opts);
    ASSERT_TRUE(a.ok()) << a.status();
    ASSERT_TRUE(b.ok()) << b.status();
    ASSERT_EQ(a->layers.size(), b->layers.size());
    int compared = 0;
    for (size_t i = 0; i < a->layers.size(); ++i) {
      if (!compare[i]) continue;
      ++compared;
      const LayerResult& x = a->layers[i];
      const LayerResult& y = b->layers[i];
      SCOPED_TRACE(x.name);
      EXPECT_EQ(x.macs, y.macs);
      EXPECT_EQ(x.runtime_cycles, y.runtime_cycles);
      EXPECT_EQ(x.l1_size_req, y.l1_size_req);
      EXPECT_EQ(x.l2_size_req, y.l2_size_req);
      EXPECT_EQ(x.noc_bw_req_peak, y.noc_bw_req_peak);
      for (int t = 0; t < kNumTensors; ++t) {
        EXPECT_EQ(x.access[t].l2_read, y.access[t].l2_read) << TensorName(t);
        EXPECT_EQ(x.access[t].l2_write, y.access[t].l2_write) << TensorName(t);
      }
    }
    EXPECT_GT(compared, 10);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Shipped, LibraryEquivalenceTest,
    ::testing::Values(Case{"Resnet50_kcp_ws.m", "nvdla", false},
                      Case{"MobileNetV2_kcp_ws.m", "nvdla", false},
                      Case{"Resnet50_xp_ws.m", "xp_ws", false},
                      Case{"vgg16_nlr.m", "nlr", false},
                      Case{"Resnet50_yxp_os.m", "shidiannao", true}),
    [](const ::testing::TestParamInfo<Case>& info) {
      std::string n = info.param.file;
      n = n.substr(0, n.find('.'));
      return n + "_" + info.param.dataflow;
    });

}  // namespace
}  // namespace maestro
