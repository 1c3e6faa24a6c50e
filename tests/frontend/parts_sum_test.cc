// Over every model in models/ and tests/frontend/data/extra/: the MAESTRO
// layers (parts) of each node do exactly the node's true MACs, part names
// are unique, and --conv-form maestro changes the costed MACs only, never
// the true count.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/layer.h"
#include "frontend/onnx_frontend.h"

namespace maestro::frontend {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> AllModels() {
  std::vector<std::string> out;
  for (const char* dir : {"/models", "/tests/frontend/data/extra"}) {
    for (const auto& e :
         fs::directory_iterator(std::string(MO_SOURCE_DIR) + dir)) {
      if (e.path().extension() == ".onnx") out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Dynamic exports are analysed at the shape they were traced with.
FrontendOptions Pinned(const std::string& path, ConvForm form) {
  FrontendOptions o;
  o.conv_form = form;
  if (path.find("_dyn.onnx") != std::string::npos) {
    o.input_shapes["input"] = {1, 3, 224, 224};
  } else if (path.find("if_shape_dependent") != std::string::npos) {
    o.input_shapes["input"] = {1, 3, 96, 96};
  }
  return o;
}

class EveryModel : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryModel, PartsSumToTheTrueMacs) {
  auto m = LoadOnnxModel(GetParam(), Pinned(GetParam(), ConvForm::kExact));
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_FALSE(m->layers.empty());
  std::set<std::string> names;
  for (const ExtractedLayer& l : m->layers) {
    SCOPED_TRACE(l.name);
    ASSERT_FALSE(l.parts.empty());
    int64_t sum = 0;
    for (const LayerPart& p : l.parts) {
      EXPECT_TRUE(ValidateLayer(p.layer).ok());
      EXPECT_TRUE(names.insert(p.layer.name).second) << p.layer.name;
      EXPECT_EQ(p.part.empty(), l.parts.size() == 1);
      sum += AnalyticMacs(p.layer) * p.layer.repeat;
    }
    EXPECT_EQ(sum, l.macs);
    EXPECT_EQ(l.maestro_macs, l.macs);
  }
}

TEST_P(EveryModel, MaestroFormKeepsTheTrueMacs) {
  auto exact = LoadOnnxModel(GetParam(), Pinned(GetParam(), ConvForm::kExact));
  auto maestro =
      LoadOnnxModel(GetParam(), Pinned(GetParam(), ConvForm::kMaestro));
  ASSERT_TRUE(exact.ok()) << exact.status();
  ASSERT_TRUE(maestro.ok()) << maestro.status();
  ASSERT_EQ(exact->layers.size(), maestro->layers.size());
  for (size_t i = 0; i < exact->layers.size(); ++i) {
    const ExtractedLayer& a = exact->layers[i];
    const ExtractedLayer& b = maestro->layers[i];
    EXPECT_EQ(a.macs, b.macs) << a.name;
    // Zero taps are costed, never fewer MACs than the true count.
    EXPECT_GE(b.maestro_macs, b.macs) << b.name;
    if (b.maestro_macs != b.macs) {
      EXPECT_NE(b.note.find("conv-form maestro"), std::string::npos) << b.note;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Models, EveryModel, ::testing::ValuesIn(AllModels()),
                         [](const auto& info) {
                           std::string n = fs::path(info.param).stem().string();
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c)))
                               c = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace maestro::frontend
