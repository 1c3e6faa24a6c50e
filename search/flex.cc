#include "search/flex.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace maestro::search {

std::string Flex::Text() const {
  if (!active()) return "";
  std::string axes = tile ? "tile" : "";
  if (order) absl::StrAppend(&axes, tile ? "," : "", "order");
  return absl::StrCat(dataflow, ":", axes);
}

absl::StatusOr<Flex> ParseFlex(const std::string& text) {
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--flex '", text, "': ", why,
        "; expected DATAFLOW:AXES with AXES tile, order or tile,order (e.g. "
        "nvdla:tile)"));
  };
  const size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0) return bad("no 'DATAFLOW:'");
  Flex f;
  f.dataflow = text.substr(0, colon);
  for (absl::string_view a : absl::StrSplit(text.substr(colon + 1), ',')) {
    if (a == "tile") {
      f.tile = true;
    } else if (a == "order") {
      f.order = true;
    } else {
      return bad(absl::StrCat("unknown axis '", a, "'"));
    }
  }
  return f;
}

void ApplyFlex(const Flex& f, const SearchSpace& s, const Genome& base,
               Genome& g) {
  g.num_levels = base.num_levels;
  for (int l = 0; l < kMaxLevels; ++l) {
    GenomeLevel& lv = g.levels[l];
    const GenomeLevel& b = base.levels[l];
    lv.sp = b.sp;
    lv.co = b.co;
    lv.cluster = b.cluster;
    if (!f.tile) lv.tile = b.tile;
    if (!f.order) lv.order = b.order;
  }
  Repair(s, g);
}

}  // namespace maestro::search
