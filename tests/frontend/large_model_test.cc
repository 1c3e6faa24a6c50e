// A full-weight model (weights inline as raw_data, 151 MB) loads through the
// memory-mapped reader without reading its weights: their bytes are skipped
// at the wire level (frontend/tensor_data_skipper.h), so loading costs what
// reading the model's structure costs, not its size.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "tests/frontend/onnx_builder.h"

namespace maestro::frontend {
namespace {

using testing::OnnxBuilder;

TEST(LargeModel, InlineWeightsAreSkippedUnread) {
  OnnxBuilder b;
  b.Input("input", {1, 512, 14, 14});
  std::string x = "input";
  int64_t bytes = 0;
  for (int i = 0; i < 16; ++i) {  // 16 x 512x512x3x3 float = 16 x 9.4 MB
    onnx::TensorProto w;
    w.set_data_type(onnx::TensorProto::FLOAT);
    for (int64_t d : {512, 512, 3, 3}) w.add_dims(d);
    w.mutable_raw_data()->assign(512 * 512 * 9 * 4, static_cast<char>(i));
    bytes += w.raw_data().size();
    const std::string wn = "w" + std::to_string(i), y = "y" + std::to_string(i);
    b.Initializer(wn, std::move(w));
    b.Node("Conv", {x, wn}, {y}, "conv" + std::to_string(i))
        .Ints("pads", {1, 1, 1, 1});
    x = y;
  }
  b.Output(x);
  const std::string path =
      (std::filesystem::temp_directory_path() / "mo_large_model_test.onnx")
          .string();
  {
    std::ofstream f(path, std::ios::binary);
    ASSERT_TRUE(b.model().SerializeToOstream(&f));
  }
  b.model().Clear();  // free the builder's copy of the weights
  auto m = LoadOnnxModel(path, {});
  std::remove(path.c_str());
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->layers.size(), 16u);
  EXPECT_EQ(m->layers[15].macs, int64_t{512} * 512 * 9 * 14 * 14);
  const FrontendTimings& t = m->timings;
  const double rest = t.shapes + t.folding + t.extraction;
  std::cout << "large model " << bytes / 1e6 << " MB: read+parse "
            << t.read * 1e3 << " ms, shapes+folding+extraction " << rest * 1e3
            << " ms\n";
  EXPECT_GT(bytes, 128 << 20);
  EXPECT_EQ(t.tensor_bytes_skipped, bytes);
  EXPECT_GT(t.file_bytes, bytes);
  // Parsing the 151 MB took ~200 ms before the skipper; now ~0.3 ms. A loose
  // bound, for loaded machines: it fails only if the weights are parsed.
  EXPECT_LT(t.read, 0.1) << "read " << t.read << " s, rest " << rest << " s";
}

}  // namespace
}  // namespace maestro::frontend
