// `maestro-onnx search` JSON against docs/search.schema.json
// (tests/core/json_schema_testlib.h validates).
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "search/network_search.h"
#include "search/report.h"
#include "search/target.h"
#include "tests/core/json_schema_testlib.h"
#include "tests/core/layers_testlib.h"

namespace maestro::search {
namespace {

using Json = nlohmann::ordered_json;
const std::string kRoot = MO_SOURCE_DIR;

std::vector<std::string> Validate(const Json& doc) {
  return test_support::LoadJsonSchema("docs/search.schema.json").Validate(doc);
}

TEST(SearchSchema, JsonConforms) {
  absl::StatusOr<SearchTarget> t =
      LoadSearchTarget(kRoot + "/models/mobilenet_v2.onnx", {});
  ASSERT_TRUE(t.ok()) << t.status();
  t->layers.resize(6);  // conv, depthwise and pointwise layers
  SearchOptions o;
  o.budget = {BudgetKind::kEvals, 300};
  absl::StatusOr<NetworkSearch> n =
      SearchNetwork("mnv2", t->layers, *HardwarePreset("pe256"), o);
  ASSERT_TRUE(n.ok()) << n.status();
  const Json j = SearchToJson(*n, *HardwarePreset("pe256"), o);
  const std::vector<std::string> errors = Validate(j);
  EXPECT_TRUE(errors.empty())
      << errors.size() << " errors, first: " << errors[0];
  // The required per-layer fields are there.
  for (const char* f : {"name", "macs", "lower_bound_cycles", "best",
                        "library_best", "evals", "wall_s"}) {
    EXPECT_TRUE(j["layers"][0].contains(f)) << f;
  }
  EXPECT_TRUE(j.contains("evals_per_s"));
  // A document with a wrong field is rejected (the validator can fail).
  Json bad = j;
  bad["layers"][0]["best"]["standing"] = "great";
  EXPECT_FALSE(Validate(bad).empty());
  // --spatial-rs: config.spatial_rs only when not off.
  EXPECT_FALSE(j["config"].contains("spatial_rs"));
  o.space.spatial_rs = SpatialFilter::kCospatial;
  t->layers.resize(2);
  n = SearchNetwork("mnv2", t->layers, *HardwarePreset("pe256"), o);
  ASSERT_TRUE(n.ok()) << n.status();
  const Json k = SearchToJson(*n, *HardwarePreset("pe256"), o);
  EXPECT_TRUE(Validate(k).empty());
  EXPECT_EQ(k["config"]["spatial_rs"], "cospatial");
  Json bad_rs = k;
  bad_rs["config"]["spatial_rs"] = "off";
  EXPECT_FALSE(Validate(bad_rs).empty());
}

// Marvel's account of its phases ("marvel") conforms and says what the note
// says: a conv, a depthwise and a pointwise conv, and a GEMM,
// DRAM layouts searched and row-major. Other strategies have no "marvel".
TEST(SearchSchema, MarvelConforms) {
  absl::StatusOr<SearchTarget> t =
      LoadSearchTarget(kRoot + "/models/mobilenet_v2.onnx", {});
  ASSERT_TRUE(t.ok()) << t.status();
  std::vector<JobLayer> layers(t->layers.begin(), t->layers.begin() + 3);
  // (The model's classifier is in conv form: a GEMM layer of its own.)
  layers.push_back(t->layers.back());
  layers.back().layer = test_support::Gemm("gemm", 64, 1000, 1280);
  const Hardware hw = *HardwarePreset("pe256");
  for (DramLayout mode : {DramLayout::kSearched, DramLayout::kRowMajor}) {
    SearchOptions o;
    o.strategy = Strategy::kMarvel;
    o.marvel_layout = mode;
    o.budget = {BudgetKind::kEvals, 300};
    absl::StatusOr<NetworkSearch> n = SearchNetwork("mnv2", layers, hw, o);
    ASSERT_TRUE(n.ok()) << n.status();
    const Json j = SearchToJson(*n, hw, o);
    const std::vector<std::string> errors = Validate(j);
    EXPECT_TRUE(errors.empty())
        << errors.size() << " errors, first: " << errors[0];
    int not_row_major = 0;
    for (const Json& l : j["layers"]) {
      SCOPED_TRACE(l["name"].get<std::string>());
      ASSERT_TRUE(l.contains("marvel"));
      const Json& m = l["marvel"];
      EXPECT_EQ(m["kept"], kMarvelKeep);
      EXPECT_EQ(m["dram_layout"],
                mode == DramLayout::kSearched ? "searched" : "row-major");
      EXPECT_EQ(m["phase_b"]["enumerated"].get<int>() +
                    m["phase_b"]["searched"].get<int>(),
                kMarvelKeep);
      std::string text;
      for (const Json& x : m["best_layout"]) {
        text += (text.empty() ? "" : ", ") + x["tensor"].get<std::string>() +
                " " + x["layout"].get<std::string>();
      }
      EXPECT_NE(l["note"].get<std::string>().find(": the best " + text),
                std::string::npos)
          << text << " | " << l["note"];
      not_row_major += m["kept_not_row_major"].get<int>();
      if (mode == DramLayout::kRowMajor) {
        EXPECT_EQ(m["kept_not_row_major"], 0);
        EXPECT_EQ(m["best_layout"][0]["layout"],
                  l["type"] == "GEMM" ? "MK" : "NCYX");
      }
    }
    // Searched: some kept candidate lays a tensor out otherwise (e.g. the
    // channels fastest).
    if (mode == DramLayout::kSearched) {
      EXPECT_GT(not_row_major, 0);
    }
  }
  SearchOptions g;
  g.budget = {BudgetKind::kEvals, 100};
  layers.resize(1);
  absl::StatusOr<NetworkSearch> n = SearchNetwork("mnv2", layers, hw, g);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_FALSE(SearchToJson(*n, hw, g)["layers"][0].contains("marvel"));
}

// Pareto fronts, the design totals and the network EDP choice conform too.
TEST(SearchSchema, ParetoAndNetworkEdpConform) {
  absl::StatusOr<SearchTarget> t =
      LoadSearchTarget(kRoot + "/models/mobilenet_v2.onnx", {});
  ASSERT_TRUE(t.ok()) << t.status();
  t->layers.resize(3);
  const Hardware hw = *HardwarePreset("pe256");
  for (const char* obj : {"pareto:latency,energy,area", "edp"}) {
    SearchOptions o;
    o.budget = {BudgetKind::kEvals, 300};
    o.objective_spec = *ParseObjectiveSpec(obj);
    o.objective = o.objective_spec.base;
    o.fit_buffers = true;
    absl::StatusOr<NetworkSearch> n = SearchNetwork("mnv2", t->layers, hw, o);
    ASSERT_TRUE(n.ok()) << n.status();
    const Json j = SearchToJson(*n, hw, o);
    const std::vector<std::string> errors = Validate(j);
    EXPECT_TRUE(errors.empty())
        << obj << ": " << errors.size() << " errors, first: " << errors[0];
    ASSERT_TRUE(j["layers"][0].contains("pareto")) << obj;
    EXPECT_GT(j["layers"][0]["pareto"]["size"].get<int>(), 0);
    EXPECT_TRUE(j["totals"].contains("design"));
    EXPECT_EQ(j.contains("network_edp"), std::string(obj) == "edp");
    // --buffers fit: the network front is refused, with the reason.
    EXPECT_EQ(j.contains("network_front"), std::string(obj) == "edp");
    if (j.contains("network_front")) {
      EXPECT_FALSE(j["network_front"]["applies"].get<bool>());
      EXPECT_NE(j["network_front"]["why_not"].get<std::string>(), "");
    }
    Json bad = j;
    bad["layers"][0]["pareto"]["points"][0]["key"] = 7;
    EXPECT_FALSE(Validate(bad).empty());
  }
}

// The network's front conforms, and a point without picks does not.
TEST(SearchSchema, NetworkFrontConforms) {
  absl::StatusOr<SearchTarget> t =
      LoadSearchTarget(kRoot + "/models/mobilenet_v2.onnx", {});
  ASSERT_TRUE(t.ok()) << t.status();
  t->layers.resize(3);
  const Hardware hw = *HardwarePreset("pe256");
  SearchOptions o;
  o.budget = {BudgetKind::kEvals, 300};
  o.objective_spec = *ParseObjectiveSpec("pareto:latency,energy");
  o.objective = o.objective_spec.base;
  absl::StatusOr<NetworkSearch> n = SearchNetwork("mnv2", t->layers, hw, o);
  ASSERT_TRUE(n.ok()) << n.status();
  const Json j = SearchToJson(*n, hw, o);
  const std::vector<std::string> errors = Validate(j);
  EXPECT_TRUE(errors.empty())
      << errors.size() << " errors, first: " << errors[0];
  ASSERT_TRUE(j.contains("network_front"));
  EXPECT_TRUE(j["network_front"]["applies"].get<bool>());
  EXPECT_GT(j["network_front"]["size"].get<int>(), 0);
  Json bad = j;
  bad["network_front"]["points"][0].erase("picks");
  EXPECT_FALSE(Validate(bad).empty());
}

}  // namespace
}  // namespace maestro::search
