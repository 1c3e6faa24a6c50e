// Hostile text input (issue 9): FIFOs, giant files, negative numbers,
// zero-size clusters, BOMs, control bytes, deep JSON, invalid UTF-8.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "core/dsl/lexer.h"
#include "core/dsl/parser.h"
#include "core/hardware.h"
#include "core/report/json_text.h"
#include "core/user_file.h"

namespace maestro {
namespace {

using ::testing::HasSubstr;

// A fresh directory under /tmp, removed with its files at the end.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/mo_hostile_XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  std::string File(const std::string& name, const std::string& text) const {
    std::string p = path_ + "/" + name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  std::string Fifo(const std::string& name) const {
    std::string p = path_ + "/" + name;
    EXPECT_EQ(mkfifo(p.c_str(), 0600), 0);
    return p;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string MessageOf(const absl::Status& s) {
  return std::string(s.message());
}

TEST(HostileFiles, FifoIsRefusedWithoutBlocking) {
  TempDir d;
  const std::string fifo = d.Fifo("f.m");
  EXPECT_EQ(MessageOf(LoadMappingFile(fifo).status()),
            fifo +
                ": error: the mapping file is a FIFO, not a regular file; "
                "expected a readable .m file");
  EXPECT_THAT(MessageOf(LoadHardwareFile(fifo).status()),
              HasSubstr("the hardware file is a FIFO, not a regular file"));
  EXPECT_THAT(MessageOf(LoadMappingFile(d.path()).status()),
              HasSubstr("the mapping file is a directory"));
  EXPECT_THAT(MessageOf(LoadMappingFile(d.path() + "/none.m").status()),
              HasSubstr("cannot open the mapping file (No such file or "
                        "directory)"));
}

TEST(HostileFiles, OversizedTextFileIsRefusedBeforeReading) {
  TempDir d;
  const std::string big =
      d.File("big.m", std::string(kMaxTextFileBytes + 1, ','));
  EXPECT_EQ(MessageOf(LoadMappingFile(big).status()),
            big +
                ": error: the mapping file is 16777217 bytes, over the "
                "limit of 16777216 bytes; expected a readable .m file");
}

TEST(HostileFiles, TokensAreBounded) {
  // A file of commas is all tokens: the lexer stops at kMaxTokens.
  const std::string commas(dsl::kMaxTokens + 10, ',');
  absl::StatusOr<std::vector<dsl::Token>> toks = dsl::Lex(commas, "c.m");
  ASSERT_FALSE(toks.ok());
  EXPECT_EQ(MessageOf(toks.status()),
            "c.m:1:2097153: error: more than 2097152 tokens; expected a "
            "smaller file");
}

TEST(HostileFiles, PrintableExcerptEscapesAndCuts) {
  EXPECT_EQ(PrintableExcerpt(std::string("a\x1b[2J\r\0b", 8)),
            "a\\x1b[2J\\x0d\\x00b");
  EXPECT_EQ(PrintableExcerpt(std::string(100, 'x'), 10), "xxxxxxxxxx...");
  // Never cut inside a UTF-8 sequence ("é" is 2 bytes).
  EXPECT_EQ(PrintableExcerpt("aé", 2), "a...");
}

constexpr const char* kLayerHead = "Network n {\nLayer L {\nType: CONV\n";
constexpr const char* kDataflow =
    "Dataflow {\nSpatialMap(1,1) K;\nTemporalMap(1,1) C;\n"
    "TemporalMap(Sz(R),Sz(R)) R;\nTemporalMap(Sz(S),Sz(S)) S;\n"
    "TemporalMap(Sz(R),1) Y;\nTemporalMap(Sz(S),1) X;\n}\n}\n}\n";

std::string Mapping(const std::string& dims, const std::string& extra = "",
                    const std::string& dataflow = kDataflow) {
  return std::string(kLayerHead) + extra + "Dimensions { " + dims + " }\n" +
         dataflow;
}

TEST(HostileMapping, NegativeNumbersAreErrors) {
  struct Case {
    std::string text, message;
  };
  const Case cases[] = {
      {Mapping("K: -16, C: 3, R: 3, S: 3, Y: 8, X: 8"),
       "n.m:4:17: error: found -16 as the size of K in layer 'L'; expected a "
       "number >= 0"},
      {Mapping("K:-16, C: 3, R: 3, S: 3, Y: 8, X: 8"),
       "n.m:4:16: error: found -16 as the size of K"},
      {Mapping("K: 16, C: 3, R: 3, S: 3, Y: 8, X: 8", "Stride { X: -1 }\n"),
       "n.m:4:13: error: found -1 as the stride along X"},
      {"Constant T -5;\n" + Mapping("K: 16, C: 3, R: 3, S: 3, Y: 8, X: 8"),
       "n.m:1:12: error: found -5 as the value of Constant T"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<MappingFile> f = ParseMappingFile(c.text, "n.m");
    ASSERT_FALSE(f.ok()) << c.text;
    EXPECT_THAT(MessageOf(f.status()), HasSubstr(c.message)) << c.text;
  }
  // '-' between words stays MAESTRO's separator (a name like Conv-3).
  std::string named = Mapping("K-16, C: 3, R: 3, S: 3, Y: 8, X: 8");
  absl::StatusOr<MappingFile> ok = ParseMappingFile(named, "n.m");
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->layers[0].layer.Get(Dim::kK), 16);
}

TEST(HostileMapping, ZeroSizeDirectivesAreErrorsAtParse) {
  const std::string df0 =
      "Dataflow {\nCluster(0, P);\nSpatialMap(1,1) K;\n}\n}\n}\n";
  absl::StatusOr<MappingFile> f = ParseMappingFile(
      Mapping("K: 16, C: 3, R: 3, S: 3, Y: 8, X: 8", "", df0), "n.m");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(MessageOf(f.status()),
            "n.m:6:9: error: Cluster size 0; expected a size >= 1");
  const std::string off0 = "Dataflow {\nTemporalMap(1,0) K;\n}\n}\n}\n";
  f = ParseMappingFile(Mapping("K: 16, C: 3, R: 3, S: 3, Y: 8, X: 8", "", off0),
                       "n.m");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(MessageOf(f.status()),
            "n.m:6:15: error: TemporalMap offset 0; expected an offset >= 1");
}

TEST(HostileMapping, ByteOrderMarkIsSkipped) {
  absl::StatusOr<MappingFile> f = ParseMappingFile(
      "\xEF\xBB\xBF" + Mapping("K: 16, C: 3, R: 3, S: 3, Y: 8, X: 8"), "n.m");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->network_name, "n");
}

TEST(HostileHardware, ValuesAreEchoedEscapedAndShort) {
  absl::StatusOr<Hardware> hw =
      ParseHardwareText(std::string("name: a\0b\n", 10), "h.m");
  EXPECT_EQ(MessageOf(hw.status()),
            "h.m:1:1: error: name is 'a\\x00b', with a control byte; expected "
            "text");
  hw = ParseHardwareText("num_pes: " + std::string(10 << 20, '9'), "h.m");
  const std::string msg = MessageOf(hw.status());
  EXPECT_LT(msg.size(), 200u) << msg;
  EXPECT_THAT(msg, HasSubstr("num_pes is '999999999"));
  hw = ParseHardwareText("\xEF\xBB\xBFnum_pes: 64\n", "h.m");
  ASSERT_TRUE(hw.ok()) << hw.status();
  EXPECT_EQ(hw->num_pes, 64);
}

TEST(HostileHardware, DeepJsonIsRefusedWithItsLocation) {
  const std::string deep =
      "{\"energy\": {\"mac_pj\": " + std::string(100000, '[') +
      std::string(100000, ']') + "}}";
  absl::StatusOr<Hardware> hw = ParseHardwareText(deep, "h.json");
  EXPECT_EQ(MessageOf(hw.status()),
            "h.json:1:85: error: JSON nested deeper than 64 levels; expected "
            "an object of hardware keys");
  // Under the limit, a wrong value is described, not dumped whole.
  std::string arr = "{\"num_pes\": [";
  for (int i = 0; i < 20000; ++i) arr += "1,";
  arr += "1]}";
  hw = ParseHardwareText(arr, "h.json");
  EXPECT_EQ(MessageOf(hw.status()),
            "h.json:1:2: error: num_pes is an array of 20001 elements; "
            "expected a number");
}

TEST(HostileJson, InvalidUtf8IsReplacedWhenWritten) {
  nlohmann::ordered_json j;
  j["name"] = "conv\xff\xfe";
  EXPECT_EQ(DumpJson(j), "{\"name\":\"conv\xEF\xBF\xBD\xEF\xBF\xBD\"}");
}

TEST(HostileJson, DepthCheckSkipsStrings) {
  const std::string ok = "{\"a\": \"" + std::string(1000, '[') + "\\\"\"}";
  EXPECT_TRUE(CheckJsonDepth(ok, "f", "x").ok());
  EXPECT_FALSE(CheckJsonDepth(std::string(65, '['), "f", "x").ok());
  EXPECT_TRUE(CheckJsonDepth(std::string(64, '['), "f", "x").ok());
}

}  // namespace
}  // namespace maestro
