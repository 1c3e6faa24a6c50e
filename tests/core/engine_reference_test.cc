// Every case of tests/data/maestro/expected/maestro_layers.csv (MAESTRO's own
// output) under maestro semantics: per layer and column, our number must be
// within 0.5% of MAESTRO's on rows where MAESTRO counts MACs right
// (macs_match = 1) and the column is not a documented MAESTRO output bug
// (docs/differences-from-maestro.md). MACs must always equal the analytic
// count. Prints the agreement table; fails if any column's agreement drops
// below what the engine achieved when this test was written.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "core/dsl/parser.h"
#include "core/engine/network.h"

namespace maestro {
namespace {

const std::string kData = std::string(MO_SOURCE_DIR) + "/tests/data/maestro/";

struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  int Col(const std::string& name) const {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    ADD_FAILURE() << "no column " << name;
    return 0;
  }
};

Csv ReadCsv(const std::string& path) {
  Csv csv;
  std::ifstream in(path);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> f = absl::StrSplit(line, ',');
    if (first) {
      csv.header = std::move(f);
      first = false;
    } else {
      csv.rows.push_back(std::move(f));
    }
  }
  return csv;
}

double Num(const std::string& s) { return s.empty() ? NAN : std::stod(s); }

bool Within(double ours, double theirs) {
  if (std::isnan(theirs)) return false;
  if (theirs == 0) return ours == 0;
  return std::fabs(ours - theirs) <= 0.005 * std::fabs(theirs);
}

struct Column {
  const char* name;
  double (*get)(const LayerResult&);
  // Minimum agreement (fraction of compared rows); measured when written.
  double min_fraction;
  int compared = 0, agreed = 0;
};

TEST(EngineReferenceTest, AgreesWithMaestroOnEveryReferenceRow) {
  Csv csv = ReadCsv(kData + "expected/maestro_layers.csv");
  ASSERT_GT(csv.rows.size(), 3000u);
  const int c_case = csv.Col("case_id"), c_bin = csv.Col("binary"),
            c_file = csv.Col("mapping_file"), c_idx = csv.Col("layer_index"),
            c_pes = csv.Col("hw_num_pes"), c_l1 = csv.Col("hw_l1_size"),
            c_l2 = csv.Col("hw_l2_size"), c_bw = csv.Col("hw_noc_bw"),
            c_off = csv.Col("hw_offchip_bw"), c_lat = csv.Col("hw_noc_latency"),
            c_amacs = csv.Col("analytic_macs"), c_match = csv.Col("macs_match"),
            c_sy = csv.Col("stride_Y"), c_sx = csv.Col("stride_X"),
            c_layer = csv.Col("layer");

  std::vector<Column> cols = {
      {"runtime_cycles",
       [](const LayerResult& r) { return double(r.runtime_cycles); }, 1.0},
      {"input_l2_read",
       [](const LayerResult& r) { return double(r.access[kInput].l2_read); },
       1.0},
      {"input_l2_write",
       [](const LayerResult& r) { return double(r.access[kInput].l2_write); },
       1.0},
      {"filter_l2_read",
       [](const LayerResult& r) { return double(r.access[kFilter].l2_read); },
       1.0},
      {"filter_l2_write",
       [](const LayerResult& r) { return double(r.access[kFilter].l2_write); },
       1.0},
      {"output_l2_read",
       [](const LayerResult& r) { return double(r.access[kOutput].l2_read); },
       1.0},
      {"output_l2_write",
       [](const LayerResult& r) { return double(r.access[kOutput].l2_write); },
       1.0},
      {"input_l1_read",
       [](const LayerResult& r) { return double(r.access[kInput].l1_read); },
       1.0},
      {"filter_l1_read",
       [](const LayerResult& r) { return double(r.access[kFilter].l1_read); },
       1.0},
      {"l1_size_req",
       [](const LayerResult& r) { return double(r.l1_size_req); }, 1.0},
      {"l2_size_req",
       [](const LayerResult& r) { return double(r.l2_size_req); }, 1.0},
      {"peak_bw_req",
       [](const LayerResult& r) { return double(r.noc_bw_req_peak); }, 1.0},
      {"avg_bw_req", [](const LayerResult& r) { return r.noc_bw_req_avg; },
       1.0},
      {"so_total_energy_xmac",
       [](const LayerResult& r) { return r.energy_maestro_xmac; }, 1.0},
  };
  // Further MAESTRO columns (not required by the issue, asserted as well).
  std::vector<Column> info = {
      {"avg_utilized_pes",
       [](const LayerResult& r) { return r.avg_utilized_pes; }, 1.0},
      {"ingress_delay_min",
       [](const LayerResult& r) { return double(r.ingress_delay.min); }, 1.0},
      {"ingress_delay_max",
       [](const LayerResult& r) { return double(r.ingress_delay.max); }, 1.0},
      {"egress_delay_min",
       [](const LayerResult& r) { return double(r.egress_delay.min); }, 1.0},
      {"egress_delay_max",
       [](const LayerResult& r) { return double(r.egress_delay.max); }, 1.0},
      {"compute_delay_min",
       [](const LayerResult& r) { return double(r.compute_delay.min); }, 1.0},
      {"compute_delay_max",
       [](const LayerResult& r) { return double(r.compute_delay.max); }, 1.0},
      {"compute_delay_avg",
       [](const LayerResult& r) { return r.compute_delay.avg; }, 0.0},
      {"area", [](const LayerResult& r) { return r.area_um2; }, 1.0},
      {"power", [](const LayerResult& r) { return r.power_mw; }, 1.0},
  };
  std::vector<int> col_idx, info_idx;
  for (auto& c : cols) col_idx.push_back(csv.Col(c.name));
  for (auto& c : info) info_idx.push_back(csv.Col(c.name));

  std::map<std::string, std::unique_ptr<MappingFile>> files;
  int rows = 0, macs_ok = 0, failed = 0, exempt_stride = 0;
  std::ostringstream mismatches;
  int shown = 0;
  for (const auto& row : csv.rows) {
    ++rows;
    const std::string path = kData + row[c_file];
    auto it = files.find(path);
    if (it == files.end()) {
      absl::StatusOr<MappingFile> f = LoadMappingFile(path);
      it = files
               .emplace(path,
                        f.ok() ? std::make_unique<MappingFile>(*f) : nullptr)
               .first;
      if (!f.ok()) ADD_FAILURE() << path << ": " << f.status();
    }
    Hardware hw;
    hw.name = row[c_case];
    hw.num_pes = std::stoll(row[c_pes]);
    hw.l1_size = std::stoll(row[c_l1]);
    hw.l2_size = std::stoll(row[c_l2]);
    hw.noc_bw = std::stoll(row[c_bw]);
    hw.offchip_bw = std::stoll(row[c_off]);
    hw.noc_latency = std::stoll(row[c_lat]);
    const size_t li = std::stoul(row[c_idx]);
    absl::StatusOr<LayerResult> r = absl::InternalError("file did not parse");
    if (it->second && li < it->second->layers.size()) {
      AnalysisOptions o;
      o.semantics = Semantics::kMaestro;
      r = AnalyzeMappedLayer(
          *it->second, li, hw, o,
          TensorBatchFlags(*it->second, Semantics::kMaestro));
    }
    const bool match = row[c_match] == "1";
    if (!r.ok()) {
      // The only rows we may refuse: a sub-level tile smaller than the
      // filter (Eyeriss-style SpatialMap(1,1) X with S = 3), which MAESTRO
      // runs with a negative output tile and a zeroed sub-level runtime
      // (spec/mapping-language.md: must be a clear error).
      ++failed;
      EXPECT_NE(std::string(r.status().message()).find("no filter window fits"),
                std::string::npos)
          << row[c_case] << " " << row[c_layer] << ": " << r.status();
      if (shown++ < 10) {
        mismatches << row[c_case] << "/" << row[c_bin] << " " << row[c_layer]
                   << ": rejected: " << r.status().message() << "\n";
      }
      continue;
    }
    EXPECT_EQ(r->macs, std::stoll(row[c_amacs]))
        << row[c_case] << " " << row[c_layer];
    if (r->macs == std::stoll(row[c_amacs])) ++macs_ok;
    if (!match) continue;
    const bool strided = row[c_sy] != "1" || row[c_sx] != "1";
    for (size_t k = 0; k < cols.size(); ++k) {
      Column& c = cols[k];
      const std::string& e = row[col_idx[k]];
      // Documented MAESTRO output bugs: output_l2_read ignores the stride;
      // avg BW is 0/0 (-nan) when every case is skipped.
      if (std::string(c.name) == "output_l2_read" && strided) {
        ++exempt_stride;
        continue;
      }
      if (e.find("nan") != std::string::npos) continue;
      ++c.compared;
      const double ours = c.get(*r);
      if (Within(ours, Num(e))) {
        ++c.agreed;
      } else if (shown++ < 40) {
        mismatches << row[c_case] << "/" << row[c_bin] << " " << row[c_layer]
                   << " " << c.name << ": ours " << ours << ", MAESTRO " << e
                   << "\n";
      }
    }
    for (size_t k = 0; k < info.size(); ++k) {
      const std::string& e = row[info_idx[k]];
      if (e.empty() || e.find("nan") != std::string::npos) continue;
      ++info[k].compared;
      if (Within(info[k].get(*r), Num(e))) ++info[k].agreed;
    }
  }
  std::printf(
      "\nAgreement with MAESTRO (maestro semantics): %d rows, %d "
      "rejected (tile smaller than the filter), macs == analytic on "
      "%d of the %d analysed\n",
      rows, failed, macs_ok, rows - failed);
  std::printf("%-22s %8s %8s %9s\n", "column", "compared", "agreed",
              "fraction");
  for (const auto& c : cols) {
    std::printf("%-22s %8d %8d %9.4f\n", c.name, c.compared, c.agreed,
                c.compared ? double(c.agreed) / c.compared : 1.0);
  }
  std::printf("(further columns)\n");
  for (const auto& c : info) {
    std::printf("%-22s %8d %8d %9.4f\n", c.name, c.compared, c.agreed,
                c.compared ? double(c.agreed) / c.compared : 1.0);
  }
  std::printf(
      "output_l2_read exempt on %d strided rows (MAESTRO ignores the "
      "stride)\n",
      exempt_stride);
  if (!mismatches.str().empty()) {
    std::printf("Rejected rows and disagreements (first 10):\n%s",
                mismatches.str().c_str());
  }
  for (const auto* list : {&cols, &info}) {
    for (const auto& c : *list) {
      const double f = c.compared ? double(c.agreed) / c.compared : 1.0;
      EXPECT_GE(f, c.min_fraction) << c.name;
    }
  }
  EXPECT_EQ(macs_ok, rows - failed);
  // 36 rows (UNet_RS, vgg16_rs) are refused when this test was written.
  EXPECT_LE(failed, 36);
  EXPECT_GE(cols[0].compared, 3550);
}

}  // namespace
}  // namespace maestro
