// The HTML report's writer: the JSON blob's content (figures equal the
// run's, notes for partial and overflowing runs, search convergence), the
// escaping that keeps a hostile layer name inside its <script> element, and
// one copy of each embedded asset. The page's drawing is tested in a real
// browser (run_browser_test.sh).
#include "report/html/html_report.h"

#include <cmath>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "pipeline/model_run.h"
#include "search/network_search.h"

namespace maestro::html {
namespace {

using Json = nlohmann::ordered_json;
const std::string kRoot = MO_SOURCE_DIR;

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t p = text.find(what); p != std::string::npos;
       p = text.find(what, p + 1)) {
    ++n;
  }
  return n;
}

Hardware Pe256() { return *HardwarePreset("pe256"); }

ModelRun RunOf(const std::string& model, const std::string& dataflows,
               const Hardware& hw) {
  auto lib = DataflowLibrary::Builtin();
  EXPECT_TRUE(lib.ok());
  auto dfs = (*lib)->Select(dataflows);
  EXPECT_TRUE(dfs.ok()) << dfs.status();
  auto run = RunModel(kRoot + "/models/" + model + ".onnx", {}, *dfs, hw, {});
  EXPECT_TRUE(run.ok()) << run.status();
  return *std::move(run);
}

TEST(ScriptSafeJsonTest, NoMarkupCharacterAndReadsBackUnchanged) {
  const Json data = {{"name", "</script><script>alert(1)</script>"},
                     {"other", "a<!--b-->&c</SCRIPT >"}};
  const std::string text = ScriptSafeJson(data);
  EXPECT_EQ(text.find_first_of("<>&"), std::string::npos) << text;
  EXPECT_TRUE(absl::StrContains(text, "\\u003c/script\\u003e")) << text;
  EXPECT_EQ(Json::parse(text), data);
}

TEST(ScriptSafeJsonTest, InvalidUtf8IsReplacedNotThrown) {
  const Json data = {{"name", std::string("conv\xff\xfe")}};
  const Json back = Json::parse(ScriptSafeJson(data));
  EXPECT_EQ(back["name"], "conv\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(ReportPageTest, HostileNameStaysInsideItsScriptElement) {
  Json data = {{"kind", "network"},
               {"models", Json::array({{{"name", "</script><b>x"}}})}};
  const std::string page = ReportPage(data);
  // capture.js, the data, Chart.js and report.js: four elements, closed
  // once each; the hostile name adds none.
  EXPECT_EQ(Count(page, "</script>"), 4);
  EXPECT_EQ(Count(page, "<script"), 4);
  EXPECT_FALSE(absl::StrContains(page, "<b>x"));
  // Chart.js once (its banner), from Debian's 3.9.
  EXPECT_EQ(Count(page, "https://www.chartjs.org"), 1);
  EXPECT_TRUE(absl::StrContains(page, "Chart.js v3.9"));
  // Nothing is fetched: no external script, stylesheet or image.
  EXPECT_FALSE(absl::StrContains(page, "<script src"));
  EXPECT_FALSE(absl::StrContains(page, "<link"));
  EXPECT_LT(page.size(), 300u * 1024);
}

TEST(NetworkReportDataTest, FiguresAreTheRunsFigures) {
  const Hardware hw = Pe256();
  const ModelRun m = RunOf("resnet18", "nvdla,eyeriss", hw);
  const Json j = NetworkReportData({m}, hw);
  EXPECT_EQ(j["kind"], "network");
  EXPECT_EQ(j["semantics"], "exact");
  EXPECT_EQ(j["hardware"]["num_pes"], 256);
  EXPECT_EQ(j["hardware"]["peak_macs_per_cycle"], 256.0);
  const Json& mj = j["models"][0];
  EXPECT_EQ(mj["name"], "resnet18");
  ASSERT_EQ(mj["layers"].size(), m.layers.size());
  EXPECT_EQ(mj["layers"][0]["shape"], "3->64 7x7/2 @230");
  EXPECT_EQ(mj["layers"][0]["macs"], 118013952);
  ASSERT_EQ(mj["dataflows"].size(), 2u);
  for (size_t d = 0; d < 2; ++d) {
    const Json& dj = mj["dataflows"][d];
    const DataflowRun& r = m.runs[d];
    SCOPED_TRACE(r.dataflow);
    EXPECT_EQ(dj["name"], r.dataflow);
    EXPECT_TRUE(dj["ranked"].get<bool>());
    EXPECT_EQ(dj["totals"]["cycles"], r.net.totals.runtime_cycles);
    EXPECT_EQ(dj["totals"]["partial"], "");
    int64_t cycles = 0;
    double parts = 0;
    for (const Json& f : dj["layers"]) cycles += f["cycles"].get<int64_t>();
    for (const Json& p : dj["totals"]["energy_parts_pj"]) {
      parts += p.get<double>();
    }
    EXPECT_EQ(cycles, r.net.totals.runtime_cycles);
    // Figures are written at 6 significant digits.
    EXPECT_NEAR(parts, r.net.totals.energy_pj, 1e-5 * r.net.totals.energy_pj);
    const LayerResult& first = r.layers[0].result;
    EXPECT_EQ(dj["layers"][0]["bound"], std::string(BoundName(first.bound)));
    EXPECT_NEAR(dj["layers"][0]["intensity_noc"].get<double>(),
                first.arithmetic_intensity, 1e-5 * first.arithmetic_intensity);
  }
  ASSERT_TRUE(mj.contains("best"));
  EXPECT_EQ(mj["best"]["dataflow_index"].size(), m.layers.size());
  EXPECT_EQ(mj["best"]["totals"]["cycles"], m.best.net.totals.runtime_cycles);
  for (const Json& n : mj["notes"]) EXPECT_NE(n["level"], "error") << n;
}

TEST(NetworkReportDataTest, PartialRunIsLoudAndNotRanked) {
  const Hardware hw = Pe256();
  const ModelRun m =
      RunOf("mobilenet_v2",
            "nvdla," + kRoot + "/tests/data/dataflows/nvdla_no_dsconv.m", hw);
  const Json mj = NetworkReportData({m}, hw)["models"][0];
  const Json& partial = mj["dataflows"][1];
  EXPECT_FALSE(partial["ranked"].get<bool>());
  EXPECT_TRUE(absl::StartsWith(partial["totals"]["partial"].get<std::string>(),
                               "PARTIAL: 36 of 53 layers costed"))
      << partial["totals"]["partial"];
  int errors = 0;
  for (const Json& f : partial["layers"]) errors += f.contains("error");
  EXPECT_EQ(errors, 17);
  bool loud = false;
  for (const Json& n : mj["notes"]) {
    loud |= n["level"] == "error" &&
            absl::StrContains(n["text"].get<std::string>(), "PARTIAL");
  }
  EXPECT_TRUE(loud) << mj["notes"];
}

TEST(NetworkReportDataTest, BufferOverflowIsAnErrorNote) {
  Hardware hw = Pe256();
  hw.l1_size = 4;  // elements per PE: nvdla's 6 B tiles do not fit
  const ModelRun m = RunOf("resnet18", "nvdla", hw);
  const Json mj = NetworkReportData({m}, hw)["models"][0];
  const Json& t = mj["dataflows"][0]["totals"];
  EXPECT_GT(t["layers_over_l1"].get<int64_t>(), 0);
  EXPECT_EQ(t["layers_over_l1"], m.runs[0].summary.layers_over_l1);
  bool loud = false;
  for (const Json& n : mj["notes"]) {
    loud |= n["level"] == "error" &&
            absl::StrContains(n["text"].get<std::string>(), "DOES NOT FIT");
  }
  EXPECT_TRUE(loud) << mj["notes"];
  EXPECT_FALSE(mj.contains("best"));  // one dataflow: no comparison
}

TEST(SearchReportDataTest, ConvergenceAndShapePerUniqueLayer) {
  const Hardware hw = Pe256();
  const ModelRun m = RunOf("resnet18", "nvdla", hw);
  std::vector<JobLayer> one = {m.layers.back()};  // the fc layer
  search::SearchOptions o;
  o.budget = {search::BudgetKind::kEvals, 300};
  auto n = search::SearchNetwork("resnet18", one, hw, o);
  ASSERT_TRUE(n.ok()) << n.status();
  const Json j = SearchReportData(*n, hw, o);
  EXPECT_EQ(j["kind"], "search");
  EXPECT_EQ(j["schema"], "maestro-onnx.search");
  ASSERT_EQ(j["layers"].size(), 1u);
  const Json& l = j["layers"][0];
  EXPECT_EQ(l["shape"], "fc 512->1000 M1");
  const auto& conv = n->unique[0].convergence;
  ASSERT_FALSE(conv.empty());
  ASSERT_EQ(l["convergence"].size(), conv.size());
  EXPECT_EQ(l["convergence"].back()[0], conv.back().evals);
  EXPECT_EQ(l["convergence"].back()[1], l["best"]["runtime_cycles"]);
}

}  // namespace
}  // namespace maestro::html
