// Every shipped MAESTRO input parses, and resolves wherever MAESTRO ran it;
// the inputs MAESTRO rejects or crashes on give our errors instead.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/dsl/dataflow_library.h"
#include "core/dsl/parser.h"
#include "core/hardware.h"
#include "core/mapping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace maestro {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const std::string kData = std::string(MO_SOURCE_DIR) + "/tests/data/maestro/";

std::vector<std::map<std::string, std::string>> ReadCsv(
    const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header = absl::StrSplit(line, ',');
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    std::vector<std::string> f = absl::StrSplit(line, ',');
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < header.size() && i < f.size(); ++i)
      row[header[i]] = f[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

Hardware HwFor(const std::string& config) {
  static const std::map<std::string, std::string> kFiles = {
      {"acc1", "accelerator_1.m"}, {"pe64", "hw_pe64.m"},
      {"pe256", "hw_pe256.m"},     {"pe1024", "hw_pe1024.m"},
      {"tiny4", "hw_tiny4.m"},     {"tiny16", "hw_tiny16.m"}};
  auto it = kFiles.find(config);
  if (it != kFiles.end()) {
    absl::StatusOr<Hardware> hw =
        LoadHardwareFile(kData + "inputs/hw/" + it->second);
    EXPECT_TRUE(hw.ok()) << hw.status();
    return *hw;
  }
  EXPECT_THAT(config, HasSubstr("cli_pe256"));
  Hardware hw = *HardwarePreset("pe256");
  hw.noc_latency = config == "cli_pe256" ? 0 : 1;
  return hw;
}

bool IsModelFile(const std::string& name) {
  return name.find("_model.m") != std::string::npos;
}

TEST(DslShippedFiles, EveryMappingFileParses) {
  int files = 0;
  for (const auto& e : fs::directory_iterator(kData + "inputs/mapping")) {
    const std::string path = e.path().string();
    ParseOptions opts;
    opts.allow_missing_dataflow = IsModelFile(path);
    absl::StatusOr<MappingFile> f = LoadMappingFile(path, opts);
    ASSERT_TRUE(f.ok()) << f.status();
    EXPECT_FALSE(f->layers.empty()) << path;
    for (const MappedLayer& ml : f->layers) {
      EXPECT_EQ(ml.layer.loc.file, path);
      EXPECT_GT(ml.layer.loc.line, 0);
      for (const Directive& d : ml.dataflow.directives)
        EXPECT_GT(d.loc.column, 0);
    }
    ++files;
  }
  EXPECT_EQ(files, 58);
}

TEST(DslShippedFiles, ModelFilesNeedTheOption) {
  absl::StatusOr<MappingFile> f =
      LoadMappingFile(kData + "inputs/mapping/Resnet50_model.m");
  ASSERT_FALSE(f.ok());
  EXPECT_THAT(std::string(f.status().message()),
              HasSubstr("Resnet50_model.m:3:"));
  EXPECT_THAT(std::string(f.status().message()),
              HasSubstr("has no Dataflow block"));
}

// The dims we parse are the dims MAESTRO parsed (maestro_layers.csv).
TEST(DslShippedFiles, DimsMatchMaestro) {
  std::map<std::string, MappingFile> files;
  int rows = 0;
  for (const auto& row : ReadCsv(kData + "expected/maestro_layers.csv")) {
    const std::string& file = row.at("mapping_file");
    if (!files.count(file)) {
      absl::StatusOr<MappingFile> f = LoadMappingFile(kData + file);
      ASSERT_TRUE(f.ok()) << f.status();
      files[file] = *f;
    }
    const MappingFile& f = files[file];
    const size_t idx = std::stoul(row.at("layer_index"));
    ASSERT_LT(idx, f.layers.size()) << file;
    const Layer& l = f.layers[idx].layer;
    EXPECT_EQ(LayerTypeName(l.type), row.at("layer_type"))
        << file << " " << idx;
    const std::pair<const char*, Dim> cols[] = {
        {"dim_N", Dim::kN}, {"dim_G", Dim::kG}, {"dim_K", Dim::kK},
        {"dim_C", Dim::kC}, {"dim_R", Dim::kR}, {"dim_S", Dim::kS},
        {"dim_Y", Dim::kY}, {"dim_X", Dim::kX}, {"dim_M", Dim::kM}};
    for (const auto& [col, d] : cols) {
      const std::string& v = row.at(col);
      EXPECT_EQ(l.Get(d), v.empty() ? 0 : std::stoll(v))
          << file << " layer " << idx << " " << col;
    }
    if (l.IsConvLike()) {
      EXPECT_EQ(l.stride_y, std::stoll(row.at("stride_Y")))
          << file << " " << idx;
      EXPECT_EQ(l.stride_x, std::stoll(row.at("stride_X")))
          << file << " " << idx;
    }
    EXPECT_EQ(AnalyticMacs(l), std::stoll(row.at("analytic_macs")));
    ++rows;
  }
  EXPECT_EQ(rows, 3630);
}

// Every case MAESTRO ran to completion resolves on its hardware, every layer
// (maps that compute points twice or leave them out are a warning under
// maestro semantics, its reading); with the default check (exact semantics)
// exactly three layers are refused for that, each for a real gap or
// overlap of its tiles.
TEST(DslShippedFiles, EveryOkCaseResolves) {
  std::set<std::pair<std::string, std::string>> ok;
  for (const auto& row : ReadCsv(kData + "expected/cases.csv")) {
    if (row.at("status") == "ok")
      ok.insert({row.at("mapping_file"), row.at("hw_config")});
  }
  ASSERT_EQ(ok.size(), 68u);  // (file, hardware) pairs
  std::set<std::string> refused;
  for (const auto& [file, config] : ok) {
    absl::StatusOr<MappingFile> f = LoadMappingFile(kData + file);
    ASSERT_TRUE(f.ok()) << f.status();
    Hardware hw = HwFor(config);
    ResolveOptions maestro;
    maestro.coverage = CoverageCheck::kWarning;
    for (const MappedLayer& ml : f->layers) {
      absl::StatusOr<ResolvedMapping> m =
          ResolveDataflow(ml.dataflow, ml.layer, hw, maestro);
      EXPECT_TRUE(m.ok()) << file << " on " << config << ": " << m.status();
      absl::StatusOr<ResolvedMapping> strict =
          ResolveDataflow(ml.dataflow, ml.layer, hw);
      if (!strict.ok()) {
        refused.insert(
            absl::StrCat(file.substr(file.rfind('/') + 1), ":",
                         strict.status().message().substr(
                             strict.status().message().find("error: ") + 7)));
      }
    }
  }
  EXPECT_THAT(
      refused,
      ::testing::ElementsAre(
          "ResNeXt50_yxp_os.m:TemporalMap(8,8) X in layer 'CONV4_2_2' "
          "(NGCONV) at cluster level 0 puts output columns 6, 7 in no tile "
          "(tiles of 6 output columns advancing by 8 over 12 cover 0, 1, 2, "
          "3, 4, 5, 8, 9, ... only), so they are never computed; expected an "
          "offset equal to the tile, or a tile covering the dim",
          "Transformer_Layers.m:SpatialMap(2,1) K in layer 'SD_MatMul_QK_00' "
          "(CONV) at cluster level 0 puts K indices 1, 2, 3, 4, 5, 6, 7, 8, "
          "... in more than one tile (tiles of 2 indices advancing by 1 over "
          "128), so they are computed more than once; expected an offset "
          "equal to the tile, or a tile covering the dim",
          "UNet_yxp_os.m:TemporalMap(10,8) X in layer 'CONV1_5' (CONV) at "
          "cluster level 0 puts output columns 8, 9, 16, 17, 24, 25, 32, 33, "
          "... in more than one tile (tiles of 10 output columns advancing by "
          "8 over 388), so they are computed more than once; expected an "
          "offset equal to the tile, or a tile covering the dim"));
}

// MAESTRO's own R/S rule: the same file and line as MAESTRO's message.
TEST(DslShippedFiles, MaestroRejectionsAreOurErrorsToo) {
  struct Case {
    const char* file;
    int line;
    const char* what;
  };
  const Case cases[] = {
      {"UNet_kcp_ws.m", 8,
       "TemporalMap(7,7) R in layer 'CONV1_1' (CONV) has size 7"},
      {"googlenet_ykp_os.m", 32, "TemporalMap(Sz(R),7) R"},
      {"mnasnet_ykp_os.m", 15, "TemporalMap(Sz(R),7) R"},
      {"squeezenet1_0_ykp_os.m", 32, "TemporalMap(Sz(R),7) R"},
      {"MobileNetV2_gen_ykp_os.m", 16, "TemporalMap(Sz(R),7) R"},
      {"Resnet50_gen_ykp_os.m", 36, "TemporalMap(Sz(R),7) R"},
  };
  Hardware hw = HwFor("acc1");
  for (const Case& c : cases) {
    absl::StatusOr<MappingFile> f =
        LoadMappingFile(kData + "inputs/mapping/" + c.file);
    ASSERT_TRUE(f.ok()) << f.status();
    absl::Status first;
    for (const MappedLayer& ml : f->layers) {
      absl::StatusOr<ResolvedMapping> m =
          ResolveDataflow(ml.dataflow, ml.layer, hw);
      if (!m.ok()) {
        first = m.status();
        break;
      }
    }
    ASSERT_FALSE(first.ok()) << c.file;
    EXPECT_THAT(
        std::string(first.message()),
        HasSubstr(std::string(c.file) + ":" + std::to_string(c.line) + ":"));
    EXPECT_THAT(std::string(first.message()), HasSubstr(c.what));
    EXPECT_THAT(std::string(first.message()),
                HasSubstr("must cover the whole filter"));
  }
}

// T_t4 on tiny4 crashes MAESTRO (SIGFPE): Cluster(8) on 4 PEs.
TEST(DslShippedFiles, ClusterLargerThanThePeArray) {
  absl::StatusOr<MappingFile> f =
      LoadMappingFile(kData + "inputs/mapping/t4_gemm_small.m");
  ASSERT_TRUE(f.ok()) << f.status();
  const MappedLayer& ml = f->layers[0];
  absl::StatusOr<ResolvedMapping> m =
      ResolveDataflow(ml.dataflow, ml.layer, HwFor("tiny4"));
  ASSERT_FALSE(m.ok());
  EXPECT_THAT(std::string(m.status().message()),
              HasSubstr("t4_gemm_small.m:9:1: error: Cluster(8,P)"));
  EXPECT_THAT(std::string(m.status().message()),
              HasSubstr("more than the 4 PEs"));
  m = ResolveDataflow(ml.dataflow, ml.layer, HwFor("tiny16"));
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->levels.size(), 2u);
  EXPECT_EQ(m->levels[0].num_units, 2);  // 16 / 8
  EXPECT_EQ(m->levels[1].num_units, 8);
  EXPECT_EQ(m->levels[1].maps[2],
            (Map{DirectiveKind::kSpatialMap, 1, 1, Dim::kK}));
}

// MAESTRO cannot read the typographic Y’ of the maeri files; we read it as
// Y' and get exactly the ASCII version.
TEST(DslShippedFiles, TypographicQuoteEqualsAscii) {
  for (const char* net : {"Resnet50", "MobileNetV2"}) {
    std::string base = kData + "inputs/mapping/" + net;
    absl::StatusOr<MappingFile> a = LoadMappingFile(base + "_gen_maeri.m");
    absl::StatusOr<MappingFile> b =
        LoadMappingFile(base + "_gen_maeri_ascii.m");
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->layers.size(), b->layers.size());
    for (size_t i = 0; i < a->layers.size(); ++i) {
      EXPECT_EQ(a->layers[i].dataflow.directives,
                b->layers[i].dataflow.directives);
      EXPECT_EQ(a->layers[i].layer.dims, b->layers[i].layer.dims);
    }
    EXPECT_EQ(a->layers[0].dataflow.directives[2].dim, Dim::kYo);
  }
}

TEST(DslShippedFiles, HardwareFiles) {
  struct Case {
    const char* file;
    int64_t pes, l1, l2, noc, off;
  };
  const Case cases[] = {{"accelerator_1.m", 256, 100, 3000, 1000, 50},
                        {"hw_pe64.m", 64, 512, 131072, 32, 16},
                        {"hw_pe256.m", 256, 1024, 524288, 128, 64},
                        {"hw_pe1024.m", 1024, 2048, 2097152, 512, 256},
                        {"hw_tiny4.m", 4, 100, 3000, 1000, 1000},
                        {"hw_tiny16.m", 16, 100, 3000, 4, 1000}};
  for (const Case& c : cases) {
    absl::StatusOr<Hardware> hw =
        LoadHardwareFile(kData + "inputs/hw/" + c.file);
    ASSERT_TRUE(hw.ok()) << hw.status();
    EXPECT_EQ(hw->num_pes, c.pes);
    EXPECT_EQ(hw->l1_size, c.l1);
    EXPECT_EQ(hw->l2_size, c.l2);
    EXPECT_EQ(hw->noc_bw, c.noc);
    EXPECT_EQ(hw->offchip_bw, c.off);
    EXPECT_EQ(hw->noc_latency, 1);
    EXPECT_EQ(hw->simd_lanes, 1);
    EXPECT_DOUBLE_EQ(hw->energy.mac_pj, 0.23);
  }
}

TEST(DslShippedFiles, DataflowLibraryFiles) {
  int files = 0;
  for (const auto& e :
       fs::directory_iterator(std::string(MO_SOURCE_DIR) + "/mappings")) {
    if (e.path().extension() != ".m") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    absl::StatusOr<DataflowLibraryFile> f =
        ParseDataflowLibraryFile(ss.str(), e.path().string());
    ASSERT_TRUE(f.ok()) << f.status();
    EXPECT_EQ(f->name, e.path().stem().string());
    EXPECT_FALSE(f->description.empty()) << f->name;
    EXPECT_NE(f->Find("DSCONV"), nullptr) << f->name;
    ++files;
  }
  EXPECT_GE(files, 8);
}

}  // namespace
}  // namespace maestro
