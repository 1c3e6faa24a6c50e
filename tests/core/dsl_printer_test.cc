// The printer: parse -> print -> parse gives the same layers and directives
// for every shipped file; our expressions can be evaluated away for MAESTRO.
#include <filesystem>

#include "core/dsl/parser.h"
#include "core/dsl/printer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace maestro {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

void ExpectSameLayers(const MappingFile& a, const MappingFile& b,
                      const std::string& what) {
  EXPECT_EQ(a.network_name, b.network_name) << what;
  ASSERT_EQ(a.layers.size(), b.layers.size()) << what;
  for (size_t i = 0; i < a.layers.size(); ++i) {
    const Layer& x = a.layers[i].layer;
    const Layer& y = b.layers[i].layer;
    EXPECT_EQ(x.name, y.name) << what;
    EXPECT_EQ(x.type, y.type) << what << " " << x.name;
    EXPECT_EQ(x.dims, y.dims) << what << " " << x.name;
    EXPECT_EQ(x.stride_y, y.stride_y) << what << " " << x.name;
    EXPECT_EQ(x.stride_x, y.stride_x) << what << " " << x.name;
    EXPECT_EQ(a.layers[i].dataflow.directives, b.layers[i].dataflow.directives)
        << what << " " << x.name;
  }
}

TEST(DslPrinter, RoundTripsEveryShippedFile) {
  int files = 0;
  for (const auto& e : fs::directory_iterator(
           std::string(MO_SOURCE_DIR) + "/tests/data/maestro/inputs/mapping")) {
    ParseOptions opts;
    opts.allow_missing_dataflow =
        e.path().string().find("_model.m") != std::string::npos;
    absl::StatusOr<MappingFile> a = LoadMappingFile(e.path().string(), opts);
    ASSERT_TRUE(a.ok()) << a.status();
    std::string text = PrintMappingFile(*a);
    absl::StatusOr<MappingFile> b = ParseMappingFile(text, "printed.m", opts);
    ASSERT_TRUE(b.ok()) << b.status() << "\n" << text.substr(0, 2000);
    ExpectSameLayers(*a, *b, e.path().filename().string());
    // Printing is a fixed point.
    EXPECT_EQ(PrintMappingFile(*b), text);
    ++files;
  }
  EXPECT_EQ(files, 58);
}

TEST(DslPrinter, MaestroLayout) {
  absl::StatusOr<MappingFile> f = ParseMappingFile(
      "Constant T 4;\nNetwork net {\nLayer conv-1 {\nType: CONV\n"
      "Stride { X: 2, Y: 2 }\nDimensions { K: 8, C: 3, R: 3, S: 3, Y: 9, X: 9 "
      "}\n"
      "Dataflow { SpatialMap(T,T) K; TemporalMap(Sz(R),1) Y; Cluster(T, P);"
      " SpatialMap(1,1) C; }\n}\n"
      "Layer next { Type: GEMM Dimensions { M: 4, N: 5, K: 6 } }\n}\n",
      "x.m");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_TRUE(f->layers[1].dataflow_inherited);
  EXPECT_EQ(PrintMappingFile(*f),
            "Network net {\n"
            "\tLayer conv-1 {\n"
            "\t\tType: CONV\n"
            "\t\tStride { X: 2, Y: 2 }\n"
            "\t\tDimensions { K: 8, C: 3, R: 3, S: 3, Y: 9, X: 9 }\n"
            "\t\tDataflow {\n"
            "\t\t\tSpatialMap(4,4) K;\n"
            "\t\t\tTemporalMap(Sz(R),1) Y;\n"
            "\t\t\tCluster(4,P);\n"
            "\t\t\tSpatialMap(1,1) C;\n"
            "\t\t}\n"
            "\t}\n"
            "\n"
            "\tLayer next {\n"
            "\t\tType: GEMM\n"
            "\t\tDimensions { N: 5, K: 6, M: 4 }\n"
            "\t\tDataflow {\n"
            "\t\t\tSpatialMap(4,4) K;\n"
            "\t\t\tTemporalMap(Sz(R),1) Y;\n"
            "\t\t\tCluster(4,P);\n"
            "\t\t\tSpatialMap(1,1) C;\n"
            "\t\t}\n"
            "\t}\n"
            "}\n");
}

TEST(DslPrinter, EvaluatesOurExpressionsForMaestro) {
  absl::StatusOr<MappingFile> f = ParseMappingFile(
      "Network n {\nLayer L {\nType: CONV\nStride { X: 2, Y: 2 }\n"
      "Dimensions { K: 8, C: 3, R: 3, S: 3, Y: 33, X: 33 }\n"
      "Dataflow {\nSpatialMap(1,1) K;\n"
      "TemporalMap(7*Stride(X)+Sz(S), 8*Stride(X)) X;\n"
      "TemporalMap(min(Sz(C), 64), max(1, Sz(C)/2)) C;\n}\n}\n}\n",
      "e.m");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_FALSE(IsPlainMaestro(f->layers[0].dataflow));
  std::string ours = PrintMappingFile(*f);
  EXPECT_THAT(ours, HasSubstr("TemporalMap(7*Stride(X)+Sz(S),8*Stride(X)) X;"));
  EXPECT_THAT(ours, HasSubstr("TemporalMap(min(Sz(C),64),max(1,Sz(C)/2)) C;"));
  PrintOptions o;
  o.evaluate_expressions = true;
  absl::StatusOr<std::string> plain = PrintMappingFileChecked(*f, o);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_THAT(*plain, HasSubstr("TemporalMap(17,16) X;"));  // 7*2+3, 8*2
  EXPECT_THAT(*plain, HasSubstr("TemporalMap(3,1) C;"));  // min(3,64), max(1,1)
  absl::StatusOr<MappingFile> g = ParseMappingFile(*plain, "plain.m");
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_TRUE(IsPlainMaestro(g->layers[0].dataflow));
}

TEST(DslPrinter, UnsafeNamesAreSanitized) {
  MappingFile f;
  f.network_name = "{bad}";
  MappedLayer ml;
  ml.layer.name = "/layer1//conv";
  ml.layer.type = LayerType::kGemm;
  ml.layer.Set(Dim::kM, 2).Set(Dim::kN, 2).Set(Dim::kK, 2);
  ml.dataflow.directives.push_back(
      Directive::Spatial(Expr::Const(1), Expr::Const(1), Dim::kM));
  f.layers.push_back(ml);
  std::string text = PrintMappingFile(f);
  absl::StatusOr<MappingFile> g = ParseMappingFile(text, "s.m");
  ASSERT_TRUE(g.ok()) << g.status() << "\n" << text;
  EXPECT_EQ(g->network_name, "_bad_");
  EXPECT_EQ(g->layers[0].layer.name, "/layer1/_conv");
}

}  // namespace
}  // namespace maestro
