#include "mappings/library.h"

#include <set>

#include "core/hardware.h"
#include "gtest/gtest.h"

namespace maestro {
namespace {

const DataflowLibrary& Lib() {
  absl::StatusOr<const DataflowLibrary*> lib = DataflowLibrary::Builtin();
  EXPECT_TRUE(lib.ok()) << lib.status();
  return **lib;
}

TEST(LibraryTest, ShipsTheStandardDataflows) {
  std::set<std::string> names;
  for (const auto& e : Lib().entries()) names.insert(e.name);
  for (const char* n : {"nvdla", "eyeriss", "shidiannao", "tpu", "xp_ws", "nlr",
                        "ykp_os", "maeri"}) {
    EXPECT_TRUE(names.count(n)) << n;
  }
}

TEST(LibraryTest, EveryEntryHasDescriptionConvAndDepthwiseForms) {
  for (const auto& e : Lib().entries()) {
    EXPECT_FALSE(e.description.empty()) << e.name;
    EXPECT_NE(e.Find("CONV"), nullptr) << e.name;
    EXPECT_NE(e.Find("DSCONV"), nullptr) << e.name;
  }
}

TEST(LibraryTest, NamesAndAliasesAreUnique) {
  std::set<std::string> seen;
  for (const auto& e : Lib().entries()) {
    EXPECT_TRUE(seen.insert(e.name).second) << e.name;
    for (const auto& a : e.aliases) EXPECT_TRUE(seen.insert(a).second) << a;
  }
}

TEST(LibraryTest, FindsByMaestroAlias) {
  const struct {
    const char* alias;
    const char* name;
  } cases[] = {{"kcp_ws", "nvdla"},
               {"rs", "eyeriss"},
               {"YXP_OS", "shidiannao"},
               {"dla", "nvdla"},
               {"nvdla", "nvdla"}};
  for (const auto& c : cases) {
    const DataflowLibraryFile* f = Lib().Find(c.alias);
    ASSERT_NE(f, nullptr) << c.alias;
    EXPECT_EQ(f->name, c.name);
  }
  EXPECT_EQ(Lib().Find("nope"), nullptr);
}

TEST(LibraryTest, SelectKeepsOrderDropsDuplicatesAndExpandsAll) {
  auto two = Lib().Select("rs, nvdla,eyeriss");
  ASSERT_TRUE(two.ok()) << two.status();
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[0].name, "eyeriss");
  EXPECT_EQ((*two)[1].name, "nvdla");
  auto all = Lib().Select("all");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), Lib().entries().size());
}

TEST(LibraryTest, UnknownNameListsTheChoices) {
  auto bad = Lib().Select("nvdla,foo");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(std::string(bad.status().message()).find("unknown dataflow 'foo'"),
            std::string::npos);
  EXPECT_NE(std::string(bad.status().message()).find("shidiannao"),
            std::string::npos);
}

TEST(LibraryTest, UserTemplateFileServesEveryLayerType) {
  std::string path = std::string(MO_SOURCE_DIR) +
                     "/tests/data/maestro/inputs/dataflow_templates/kcp_ws.m";
  auto f = LoadUserDataflowFile(path);
  ASSERT_TRUE(f.ok()) << f.status();
  Layer dw;
  dw.type = LayerType::kDsconv;
  EXPECT_TRUE(DataflowForLayer(*f, dw, LayerRole::kConv).ok());
  EXPECT_FALSE(LoadUserDataflowFile("/nonexistent/x.m").ok());
}

// The shidiannao X tile holds the input columns of 8 outputs for any stride
// and kernel: (8-1)*stride + S.
TEST(LibraryTest, ShidiannaoXTileFollowsStrideAndKernel) {
  const DataflowLibraryFile* f = Lib().Find("shidiannao");
  ASSERT_NE(f, nullptr);
  absl::StatusOr<Hardware> hw = HardwarePreset("pe256");
  ASSERT_TRUE(hw.ok());
  const struct {
    int64_t s, stride, tile;
  } cases[] = {{1, 1, 8}, {3, 1, 10}, {3, 2, 17}, {7, 2, 21}};
  for (const auto& c : cases) {
    Layer l;
    l.name = "c";
    l.Set(Dim::kK, 8)
        .Set(Dim::kC, 8)
        .Set(Dim::kR, c.s)
        .Set(Dim::kS, c.s)
        .Set(Dim::kY, 64)
        .Set(Dim::kX, 64);
    l.stride_x = l.stride_y = c.stride;
    auto df = DataflowForLayer(*f, l, LayerRole::kConv);
    ASSERT_TRUE(df.ok());
    auto m = ResolveDataflow(**df, l, *hw);
    ASSERT_TRUE(m.ok()) << m.status();
    bool found = false;
    for (const Map& map : m->levels[0].maps) {
      if (map.dim == Dim::kX && !map.spatial()) {
        EXPECT_EQ(map.size, c.tile) << "S=" << c.s << " stride=" << c.stride;
        found = true;
      }
    }
    EXPECT_TRUE(found);
  }
}

}  // namespace
}  // namespace maestro
