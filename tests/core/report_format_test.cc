// The shared formats of the human tables (core/report/format.h).
#include <unistd.h>

#include <cstdint>

#include "core/report/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace maestro {
namespace {

TEST(ReportFormat, UnitsReadTheSameEverywhere) {
  EXPECT_EQ(HumanBytes(12), "12 B");
  EXPECT_EQ(HumanBytes(1536), "1.5 KiB");
  EXPECT_EQ(HumanBytes(50.0 * 1024 * 1024), "50 MiB");
  EXPECT_EQ(ShortCount(118013952), "118.0M");
  EXPECT_EQ(ShortCount(4089184256), "4.09G");
  EXPECT_EQ(Microjoules(357960000), "357.96");
  EXPECT_EQ(Microjoules(35479), "0.0355");  // not rounded to 0.04
  EXPECT_EQ(Microjoules(0), "0.00");
  EXPECT_EQ(GroupThousands(-1234567), "-1,234,567");
}

TEST(ReportFormat, BufferCellNeverHidesAnOverflowByRounding) {
  Hardware hw;
  hw.bytes_per_element = 1;
  EXPECT_EQ(BufferCell(1026, 1024, hw), "1,026 B!");
  EXPECT_EQ(BufferCell(5734, 524288, hw), "5.6 KiB");
}

// Every elided name stands for exactly one name of the column: no other
// starts with its head and ends with its tail.
void ExpectUnambiguous(const std::vector<std::string>& names,
                       const ElidedNames& e) {
  ASSERT_EQ(e.names.size(), names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_LE(e.names[i].size(), e.width) << e.names[i];
    const size_t cut = e.names[i].find('~');
    if (cut == std::string::npos) {
      EXPECT_EQ(e.names[i], names[i]);
      continue;
    }
    const std::string head = e.names[i].substr(0, cut);
    const std::string tail = e.names[i].substr(cut + 1);
    for (size_t k = 0; k < names.size(); ++k) {
      const std::string& n = names[k];
      const bool matches =
          n.size() > head.size() + tail.size() &&
          n.compare(0, head.size(), head) == 0 &&
          n.compare(n.size() - tail.size(), tail.size(), tail) == 0;
      EXPECT_EQ(matches, k == i) << e.names[i] << " vs " << n;
    }
  }
}

TEST(ReportFormat, ElidedNamesStayUnique) {
  // ResNet's names differ at the stage and the block, far apart: cutting
  // at one fixed place made "~yer1.0/conv1/Conv" of several layers.
  std::vector<std::string> names;
  for (int stage = 1; stage <= 4; ++stage) {
    for (int block = 0; block < 3; ++block) {
      for (int conv = 1; conv <= 3; ++conv) {
        names.push_back("/layer" + std::to_string(stage) + "/layer" +
                        std::to_string(stage) + "." + std::to_string(block) +
                        "/conv" + std::to_string(conv) + "/Conv");
      }
    }
  }
  names.push_back("/conv1/Conv");
  const ElidedNames e = ElideUnique(names, 16);
  EXPECT_GE(e.width, 16u);
  EXPECT_LT(e.width, names[0].size());
  ExpectUnambiguous(names, e);
  EXPECT_EQ(e.names.back(), "/conv1/Conv");  // short names stay whole
}

TEST(ReportFormat, ElisionWidensRatherThanMislead) {
  // Two names that differ only deep in the middle.
  const std::vector<std::string> names = {"/a/very/long/prefix/X/suffix/Conv",
                                          "/a/very/long/prefix/Y/suffix/Conv"};
  const ElidedNames e = ElideUnique(names, 8);
  ExpectUnambiguous(names, e);
  EXPECT_NE(e.names[0], e.names[1]);
}

TEST(ReportFormat, NoElisionWhenItWouldSaveLittle) {
  const std::vector<std::string> names = {"/features/features.10/Conv"};
  EXPECT_EQ(ElideUnique(names, 24).names[0], names[0]);
  EXPECT_EQ(ElideUnique(names, 10).names[0].size(), 10u);
  // --wide: no limit, the names whole and the column as wide as the longest.
  const ElidedNames wide = ElideUnique({"a", "abcdefghij"}, SIZE_MAX);
  EXPECT_EQ(wide.width, 10u);
  EXPECT_EQ(wide.names[1], "abcdefghij");
}

TEST(ReportFormat, WidthIs100WhenNotATerminal) {
  // ctest pipes stdout: the output must not depend on a terminal.
  if (isatty(1)) GTEST_SKIP() << "stdout is a terminal";
  EXPECT_EQ(TerminalWidth(), 100);
}

}  // namespace
}  // namespace maestro
