// Mappings MAESTRO cannot run: under its rules a top-level iteration case
// whose compute delay is 0 (no MAC below it) makes MAESTRO 4eb08d1 divide
// its off-chip bandwidth by 0 and die of SIGFPE. The engine counts those
// case occurrences (LayerResult::maestro_zero_compute) and the search never
// reports such a mapping under maestro semantics (search/evaluator.cc).
// tests/data/maestro_crash/mnv2_zero_compute.m: MAESTRO, run by hand on
// each layer, died on layers 1 and 2 and ran layers 0 and 3.
#include <gtest/gtest.h>

#include <string>

#include "core/dsl/parser.h"
#include "core/engine/network.h"
#include "core/hardware.h"

namespace maestro {
namespace {

const std::string kFile = std::string(MO_SOURCE_DIR) +
                          "/tests/data/maestro_crash/mnv2_zero_compute.m";

Hardware Pe256Maestro() {
  absl::StatusOr<Hardware> hw = LoadHardwareFile(
      std::string(MO_SOURCE_DIR) + "/tests/data/maestro/inputs/hw/hw_pe256.m");
  EXPECT_TRUE(hw.ok()) << hw.status();
  return hw.ok() ? *hw : Hardware();
}

int64_t ZeroCompute(const MappingFile& f, size_t i, Semantics semantics) {
  AnalysisOptions o;
  o.semantics = semantics;
  absl::StatusOr<LayerResult> r = AnalyzeMappedLayer(
      f, i, Pe256Maestro(), o, TensorBatchFlags(f, semantics));
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? r->maestro_zero_compute : -1;
}

TEST(MaestroZeroCompute, CountedExactlyOnTheLayersMaestroDiesOn) {
  absl::StatusOr<MappingFile> f = LoadMappingFile(kFile);
  ASSERT_TRUE(f.ok()) << f.status();
  ASSERT_EQ(f->layers.size(), 4u);
  const bool maestro_dies[] = {false, true, true, false};
  for (size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(f->layers[i].layer.name);
    const int64_t z = ZeroCompute(*f, i, Semantics::kMaestro);
    if (maestro_dies[i]) {
      EXPECT_GT(z, 0);
    } else {
      EXPECT_EQ(z, 0);
    }
    // The exact analysis' figures are its own: nothing to flag.
    EXPECT_EQ(ZeroCompute(*f, i, Semantics::kExact), 0);
  }
}

}  // namespace
}  // namespace maestro
