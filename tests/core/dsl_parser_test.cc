// The lexer and parser: MAESTRO's lexical rules, our extensions and the
// diagnostics of every bad input under tests/data/dsl/bad/.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/dsl/dataflow_library.h"
#include "core/dsl/lexer.h"
#include "core/dsl/parser.h"
#include "core/hardware.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace maestro {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

TEST(DslLexer, MaestroSeparatorsAndOurPunctuation) {
  absl::StatusOr<std::vector<dsl::Token>> t =
      dsl::Lex("Dimensions{K:64,\r\n Y’ 3} // note\nA-b 7*2", "a.m");
  ASSERT_TRUE(t.ok()) << t.status();
  std::vector<std::string> texts;
  for (const dsl::Token& x : *t) texts.push_back(x.text);
  EXPECT_THAT(texts, ::testing::ElementsAre("Dimensions", "{", "K", ":", "64",
                                            ",", "Y\xE2\x80\x99", "3", "}", "A",
                                            "-", "b", "7", "*", "2", ""));
  EXPECT_EQ((*t)[4].kind, dsl::TokenKind::kNumber);
  EXPECT_EQ((*t)[4].value, 64);
  EXPECT_EQ((*t)[6].line, 2);
  EXPECT_EQ((*t)[6].column, 2);
  EXPECT_EQ((*t)[9].line, 3);
}

TEST(DslLexer, RejectsHugeNumbers) {
  absl::StatusOr<std::vector<dsl::Token>> t =
      dsl::Lex("\n  K 1099511627777", "a.m");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(
      t.status().message(),
      "a.m:2:5: error: number 1099511627777 is too large; expected at most "
      "1099511627776");
  EXPECT_TRUE(dsl::Lex("K 1099511627776", "a.m").ok());
}

TEST(DslParser, MaestroFormsAndOurExtensions) {
  // CRLF, braces glued to words, optional colons/commas, a directive without
  // parentheses, constants, comments, dataflow inheritance.
  const char* text =
      "// header\r\n"
      "Constant TK 4;\r\n"
      "Network torchvision.models.x {\r\n"
      "Layer Conv2d-1 {Type: CONV\r\n"
      "Stride {X 2 Y 2}\r\n"
      "Dimensions {K TK C 3 R 3 S 3 Y 9 X 9}\r\n"
      "Dataflow {SpatialMap(TK,TK) K; TemporalMap 3 1 Y; "
      "TemporalMap(Sz(R),Sz(R)) R}\r\n"
      "}\r\n"
      "Layer second { Type: DSCONV Dimensions { C: 8, R: 3, S: 3, Y': 4, X': 5 "
      "} }\r\n"
      "}\r\n";
  absl::StatusOr<MappingFile> f = ParseMappingFile(text, "x.m");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->network_name, "torchvision.models.x");
  ASSERT_EQ(f->layers.size(), 2u);
  const MappedLayer& a = f->layers[0];
  EXPECT_EQ(a.layer.name, "Conv2d-1");
  EXPECT_EQ(a.layer.Get(Dim::kK), 4);
  EXPECT_EQ(a.layer.stride_x, 2);
  EXPECT_EQ(a.layer.loc.ToString(), "x.m:4:1");
  ASSERT_EQ(a.dataflow.directives.size(), 3u);
  EXPECT_EQ(a.dataflow.directives[0],
            Directive::Spatial(Expr::Const(4), Expr::Const(4), Dim::kK));
  EXPECT_EQ(a.dataflow.directives[1],
            Directive::Temporal(Expr::Const(3), Expr::Const(1), Dim::kY));
  EXPECT_EQ(a.dataflow.directives[1].loc.ToString(), "x.m:7:32");
  // Y'/X' given: the input is (Y'-1)*stride + R (stride 1 here: Y'+R-1).
  const MappedLayer& b = f->layers[1];
  EXPECT_EQ(b.layer.Get(Dim::kY), 6);
  EXPECT_EQ(b.layer.Get(Dim::kX), 7);
  EXPECT_TRUE(b.dataflow_inherited);
  EXPECT_EQ(b.dataflow.directives, a.dataflow.directives);
}

TEST(DslParser, OutputExtentWithStride) {
  absl::StatusOr<MappingFile> f = ParseMappingFile(
      "Network n { Layer L { Type: CONV Stride { X: 2, Y: 2 }\n"
      "Dimensions { K: 1, C: 1, R: 7, S: 7, Y': 112, X': 112 }\n"
      "Dataflow { SpatialMap(1,1) K; } } }",
      "s.m");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->layers[0].layer.Get(Dim::kY), 229);  // (112-1)*2+7
  EXPECT_EQ(f->layers[0].layer.OutY(), 112);
}

TEST(DslParser, ModelFiles) {
  const char* text =
      "Network m { Layer A { Type: GEMM Dimensions { M: 2, N: 3, K: 4 } } }";
  EXPECT_FALSE(ParseMappingFile(text, "m.m").ok());
  ParseOptions o;
  o.allow_missing_dataflow = true;
  absl::StatusOr<MappingFile> f = ParseMappingFile(text, "m.m", o);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_TRUE(f->layers[0].dataflow.directives.empty());
}

TEST(DslLibrary, ParsesTheForm) {
  absl::StatusOr<DataflowLibraryFile> f = ParseDataflowLibraryFile(
      "// c\nDescription: \"weight stationary, 64 PEs\"\nAliases: kcp_ws dla\n"
      "Dataflow CONV TRCONV FC {\n  SpatialMap(1,1) K;\n}\n"
      "Dataflow DSCONV { SpatialMap(1,1) C; }\n",
      "lib/nvdla.m");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->name, "nvdla");
  EXPECT_EQ(f->description, "weight stationary, 64 PEs");
  EXPECT_THAT(f->aliases, ::testing::ElementsAre("kcp_ws", "dla"));
  ASSERT_NE(f->ForType(LayerType::kTrconv), nullptr);
  EXPECT_EQ(f->ForType(LayerType::kTrconv)->directives[0].dim, Dim::kK);
  EXPECT_EQ(f->ForType(LayerType::kTrconv)->loc.line, 4);
  EXPECT_EQ(f->Find("FC")->directives[0].dim, Dim::kK);
  EXPECT_EQ(f->ForType(LayerType::kDsconv)->directives[0].dim, Dim::kC);
  EXPECT_EQ(f->ForType(LayerType::kGemm), nullptr);
}

// Every bad input fails with `file:line:col: error: ...; expected ...`,
// either when parsed or when resolved on the default hardware.
TEST(DslDiagnostics, EveryBadInputHasALocatedError) {
  const std::string dir = std::string(MO_SOURCE_DIR) + "/tests/data/dsl/bad";
  const Hardware hw = *HardwarePreset("pe256");
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string path = e.path().string();
    absl::Status st;
    if (e.path().filename().string().rfind("library_", 0) == 0) {
      std::ifstream in(path);
      std::stringstream ss;
      ss << in.rdbuf();
      st = ParseDataflowLibraryFile(ss.str(), path).status();
    } else {
      absl::StatusOr<MappingFile> f = LoadMappingFile(path);
      st = f.status();
      if (f.ok()) {
        for (const MappedLayer& ml : f->layers) {
          absl::StatusOr<ResolvedMapping> m =
              ResolveDataflow(ml.dataflow, ml.layer, hw);
          if (!m.ok()) {
            st = m.status();
            break;
          }
        }
      }
    }
    ASSERT_FALSE(st.ok()) << path;
    const std::string msg(st.message());
    EXPECT_TRUE(std::regex_search(
        msg,
        std::regex("^" + path + ":[0-9]+(:[0-9]+)?: error: .+; expected .+")))
        << msg;
    ++files;
  }
  EXPECT_GE(files, 35);
}

}  // namespace
}  // namespace maestro

namespace maestro {
namespace {

// One parse reports every error it can find, each at its place, and keeps
// the layers after them.
TEST(DslParser, ReportsEveryErrorOfTheFile) {
  const std::string path =
      std::string(MO_SOURCE_DIR) + "/tests/data/dsl/bad_many/several_errors.m";
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  MappingFileParse p = ParseMappingFileAll(ss.str(), "s.m");
  std::vector<std::string> where;
  for (const std::string& e : p.errors)
    where.push_back(e.substr(0, e.find(' ')));
  EXPECT_THAT(where,
              ::testing::ElementsAre("s.m:3:10:", "s.m:17:50:", "s.m:20:11:",
                                     "s.m:28:24:", "s.m:42:5:"));
  ASSERT_EQ(p.file.layers.size(), 6u);
  EXPECT_THAT(p.layer_ok,
              ::testing::ElementsAre(true, false, false, false, true, false));
  // L5 parsed whole: its dataflow is there for the resolution stage.
  EXPECT_EQ(p.file.layers[4].dataflow.directives.size(), 3u);
  // ParseMappingFile gives the same errors, one per line.
  absl::StatusOr<MappingFile> f = ParseMappingFile(ss.str(), "s.m");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(std::string(f.status().message()), absl::StrJoin(p.errors, "\n"));
}

TEST(DslParser, StopsAfterTwentyErrors) {
  std::string text = "Network n {\n";
  for (int i = 0; i < 30; ++i) {
    absl::StrAppend(&text, "Layer L", i, " { Type: NOPE }\n");
  }
  text += "}\n";
  MappingFileParse p = ParseMappingFileAll(text, "n.m");
  ASSERT_EQ(p.errors.size(), 21u);
  EXPECT_THAT(p.errors[0], HasSubstr("n.m:2:18: error: found word 'NOPE'"));
  EXPECT_EQ(p.errors[20], "(stopped after 20 errors; fix these and run again)");
}

TEST(DslParser, AMissingLayerBraceIsOneError) {
  MappingFileParse p = ParseMappingFileAll(
      "Network n {\nLayer A { Type: CONV\nLayer B { Type: CONV }\n}\n", "n.m");
  ASSERT_GE(p.errors.size(), 1u);
  EXPECT_THAT(p.errors[0], HasSubstr("n.m:3:1: error: found word 'Layer' in "
                                     "layer 'A'; expected '}' closing"));
}

}  // namespace
}  // namespace maestro
