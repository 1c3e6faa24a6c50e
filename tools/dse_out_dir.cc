#include "tools/dse_out_dir.h"

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "core/report/json_text.h"
#include "dse/output.h"

namespace maestro::tools {
namespace {

bool WriteFile(const std::filesystem::path& p, const std::string& text) {
  std::ofstream f(p);
  f << text;
  return static_cast<bool>(f);
}

}  // namespace

absl::Status WriteDseOutDir(const std::string& dir,
                            const nlohmann::ordered_json& json,
                            const dse::DseResult& r, const Hardware* best) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::filesystem::path d(dir);
  bool ok = !ec && WriteFile(d / "result.json", DumpJson(json, 2) + "\n") &&
            WriteFile(d / "pareto.csv", dse::ParetoCsv(r));
  if (ok && best != nullptr) {
    Hardware named = *best;
    named.name = absl::StrCat(json.at("config").at("target").get<std::string>(),
                              "-dse-best");
    ok = WriteFile(d / "best-hw.json", dse::HardwareFileJson(named)) &&
         WriteFile(d / "best-hw.m", dse::MaestroHardwareText(named)) &&
         (r.best_mappings.empty() || WriteFile(d / "best.m", r.best_mappings));
  }
  if (!ok) {
    return absl::InvalidArgumentError(
        absl::StrCat("error: cannot write into '", dir, "'"));
  }
  return absl::OkStatus();
}

}  // namespace maestro::tools
