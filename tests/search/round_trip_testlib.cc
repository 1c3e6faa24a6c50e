#include "tests/search/round_trip_testlib.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/dsl/parser.h"
#include "core/dsl/printer.h"
#include "core/mapping.h"

namespace maestro::search {

void ExpectEmissionRoundTrip(const SearchSpace& s, const Genome& g,
                             const Hardware& hw) {
  MappingFile file;
  file.layers.push_back({s.layer, ToDataflow(s, g), false});
  ASSERT_TRUE(IsPlainMaestro(file.layers[0].dataflow));
  const std::string text = PrintMappingFile(file);
  absl::StatusOr<MappingFile> back = ParseMappingFile(text, "g.m");
  ASSERT_TRUE(back.ok()) << back.status() << "\n" << text;
  absl::StatusOr<ResolvedMapping> rm =
      ResolveDataflow(back->layers[0].dataflow, back->layers[0].layer, hw);
  ASSERT_TRUE(rm.ok()) << rm.status() << "\n" << text;
  const ResolvedMapping direct = ToResolved(s, g);
  ASSERT_EQ(rm->levels.size(), direct.levels.size());
  for (size_t l = 0; l < direct.levels.size(); ++l) {
    EXPECT_EQ(rm->levels[l].num_units, direct.levels[l].num_units);
    EXPECT_EQ(rm->levels[l].maps, direct.levels[l].maps) << text;
  }
  std::optional<Genome> from = FromResolved(s, direct);
  ASSERT_TRUE(from.has_value()) << Describe(s, g) << "\n" << text;
  EXPECT_EQ(Canonical(s, *from), Canonical(s, g)) << Describe(s, g);
}

}  // namespace maestro::search
