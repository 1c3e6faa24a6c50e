// Debian's libonnx-testdata single-op fixtures: every model loads without a
// crash, and for each MAC layer whose output is a graph output, the output
// shape equals the reference output tensor stored with the fixture (computed
// by the exporting framework), and the MACs equal the count derived from
// that reference shape.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "frontend/onnx_frontend.h"
#include "onnx/onnx_pb.h"

namespace maestro::frontend {
namespace {

namespace fs = std::filesystem;

const char* kRoot = "/usr/share/libonnx-testdata/data";

std::vector<fs::path> Models(const std::string& sub) {
  std::vector<fs::path> out;
  fs::path dir = fs::path(kRoot) / sub;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    fs::path m = e.path() / "model.onnx";
    if (fs::exists(m)) out.push_back(m);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<std::vector<int64_t>> ReferenceDims(const fs::path& model,
                                                  int index) {
  fs::path pb = model.parent_path() / "test_data_set_0" /
                ("output_" + std::to_string(index) + ".pb");
  std::ifstream f(pb, std::ios::binary);
  if (!f) return std::nullopt;
  std::stringstream ss;
  ss << f.rdbuf();
  onnx::TensorProto t;
  if (!t.ParseFromString(ss.str())) return std::nullopt;
  return std::vector<int64_t>(t.dims().begin(), t.dims().end());
}

int64_t Prod(const std::vector<int64_t>& v, size_t from = 0) {
  int64_t p = 1;
  for (size_t i = from; i < v.size(); ++i) p *= v[i];
  return p;
}

TEST(TestdataFixtures, EveryModelLoadsOrFailsCleanly) {
  int loaded = 0, total = 0;
  for (const char* sub :
       {"node", "pytorch-converted", "pytorch-operator", "simple"}) {
    for (const fs::path& m : Models(sub)) {
      FrontendOptions o;
      o.require_known_shapes = false;
      auto r = LoadOnnxModel(m.string(), o);
      ++total;
      if (r.ok()) {
        ++loaded;
      } else {
        EXPECT_FALSE(r.status().message().empty()) << m;
      }
    }
  }
  if (total == 0) GTEST_SKIP() << "libonnx-testdata not installed";
  // Nearly all fixtures are valid models: only a few (e.g. ops of opsets
  // newer than ours) may be rejected.
  EXPECT_GT(loaded, total * 9 / 10) << loaded << " of " << total;
}

TEST(TestdataFixtures, MacLayersMatchReferenceOutputs) {
  int checked = 0;
  for (const char* sub : {"node", "pytorch-converted", "pytorch-operator"}) {
    for (const fs::path& path : Models(sub)) {
      const std::string name = path.parent_path().filename().string();
      FrontendOptions o;
      o.require_known_shapes = false;
      auto m = LoadOnnxModel(path.string(), o);
      if (!m.ok()) continue;
      onnx::ModelProto proto;
      {
        std::ifstream f(path, std::ios::binary);
        ASSERT_TRUE(proto.ParseFromIstream(&f));
      }
      for (const ExtractedLayer& l : m->layers) {
        int index = -1;
        for (int i = 0; i < proto.graph().output_size(); ++i) {
          if (proto.graph().output(i).name() == l.output) index = i;
        }
        if (index < 0) continue;
        auto ref = ReferenceDims(path, index);
        if (!ref) continue;
        SCOPED_TRACE(name + " / " + l.name);
        EXPECT_EQ(l.output_shape, *ref);
        int64_t expect;
        if (l.kind == "recurrent") {
          // Y [seq, directions, batch, hidden] (or batch first): every step
          // and direction, gates*hidden x (input + hidden) per batch row.
          const int64_t hidden = ref->back();
          expect = Prod(*ref) * (l.K / hidden) * l.gemm_k;
        } else if (l.is_gemm) {
          expect = Prod(*ref) * l.gemm_k;
        } else if (l.kind == "convtranspose") {
          // PyTorch's count, input x kernel; the gather form (every output
          // x the taps of its phase) differs when an output extent is not
          // stride x input, and the note then gives PyTorch's count.
          expect = l.N * l.C_total * (l.K / l.G) * Prod(l.weight_shape, 2) *
                   Prod(l.input_shape, 2);
          if (l.macs != expect) {
            EXPECT_NE(l.note.find(
                          absl::StrCat("(PyTorch's count) would be ", expect)),
                      std::string::npos)
                << l.note;
            expect = l.macs;
          }
        } else {
          expect = Prod(*ref) * l.C * Prod(l.weight_shape, 2);
        }
        EXPECT_EQ(l.macs, expect);
        EXPECT_EQ(l.maestro_macs, l.macs);
        if (l.is_gemm) {
          EXPECT_EQ(l.parts[0].layer.OutY(), l.gemm_m);
        } else if (l.parts.size() == 1 && l.spatial_dims <= 2 &&
                   l.kind != "convtranspose" && l.dilation[0] == 1 &&
                   l.dilation[1] == 1) {
          // (Phase parts cover the output between them; their MACs sum to
          // the node's, checked when the layer is made.)
          EXPECT_EQ(l.parts[0].layer.OutY() * l.parts[0].layer.OutX(),
                    Prod(*ref, 2))
              << "MAESTRO form output extent";
        }
        ++checked;
      }
    }
  }
  if (checked == 0) GTEST_SKIP() << "libonnx-testdata not installed";
  EXPECT_GE(checked, 40);
}

TEST(TestdataFixtures, DepthwiseWithMultiplier) {
  fs::path p =
      fs::path(kRoot) /
      "pytorch-converted/test_Conv2d_depthwise_with_multiplier/model.onnx";
  if (!fs::exists(p)) GTEST_SKIP();
  auto m = LoadOnnxModel(p.string(), {});
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 1u);
  const ExtractedLayer& l = m->layers[0];
  EXPECT_EQ(l.kind, "dwconv");
  EXPECT_EQ(l.parts[0].layer.type, LayerType::kDsconv);
  EXPECT_EQ(l.channel_multiplier, l.K / l.C_total);
  EXPECT_GT(l.channel_multiplier, 1);
  EXPECT_EQ(l.parts[0].layer.repeat, l.channel_multiplier);
  EXPECT_EQ(l.maestro_macs, l.macs);
}

}  // namespace
}  // namespace maestro::frontend
