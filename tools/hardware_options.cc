#include "tools/hardware_options.h"

#include <filesystem>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/dsl/hardware_text.h"
#include "core/user_file.h"

namespace maestro::tools {

void AddHardwareOptions(CLI::App* cmd, HardwareOptions& o) {
  cmd->add_option("--hw", o.hw,
                  absl::StrCat("hardware: a MAESTRO hw .m file, a JSON file "
                               "(docs/hardware.md) or a preset (",
                               absl::StrJoin(HardwarePresetNames(), ", "),
                               "; default ", kDefaultHardwarePreset, ")"));
  o.pes_opt = cmd->add_option("--pes", o.pes, "number of PEs (overrides --hw)");
  o.l1_opt =
      cmd->add_option("--l1-size", o.l1_size, "L1 size per PE, elements");
  o.l2_opt =
      cmd->add_option("--l2-size", o.l2_size, "shared L2 size, elements");
  o.noc_bw_opt =
      cmd->add_option("--noc-bw", o.noc_bw, "NoC bandwidth, elements/cycle");
  o.noc_latency_opt = cmd->add_option("--noc-latency", o.noc_latency,
                                      "NoC latency, cycles per transfer");
  o.offchip_opt = cmd->add_option("--offchip-bw", o.offchip_bw,
                                  "off-chip bandwidth, elements/cycle");
  o.simd_opt = cmd->add_option("--simd", o.simd, "MACs per PE per cycle");
  o.area_model_opt = cmd->add_option(
      "--area-model", o.area_model,
      "area/power model: default (45 nm), maestro (MAESTRO's module model) "
      "or digamma; sources in docs/hardware.md");
}

absl::StatusOr<Hardware> HardwareOptions::Resolve() const {
  absl::StatusOr<Hardware> hw = absl::UnknownError("");
  if (this->hw.empty()) {
    hw = HardwarePreset(kDefaultHardwarePreset);
  } else if (std::filesystem::exists(this->hw)) {
    hw = LoadHardwareFile(this->hw);
  } else {
    hw = HardwarePreset(this->hw);
    if (!hw.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("error: --hw '", PrintableExcerpt(this->hw, 4096),
                       "' is neither a readable file nor a preset; ",
                       "expected a hardware file or one of ",
                       absl::StrJoin(HardwarePresetNames(), ", ")));
    }
  }
  if (!hw.ok()) return hw.status();
  struct Flag {
    const CLI::Option* opt;
    const char* flag;
    const char* key;
    const std::string& value;
    int64_t Hardware::*field;
  };
  const Flag flags[] = {
      {pes_opt, "--pes", "num_pes", pes, &Hardware::num_pes},
      {l1_opt, "--l1-size", "l1_size", l1_size, &Hardware::l1_size},
      {l2_opt, "--l2-size", "l2_size", l2_size, &Hardware::l2_size},
      {noc_bw_opt, "--noc-bw", "noc_bw", noc_bw, &Hardware::noc_bw},
      {noc_latency_opt, "--noc-latency", "noc_latency", noc_latency,
       &Hardware::noc_latency},
      {offchip_opt, "--offchip-bw", "offchip_bw", offchip_bw,
       &Hardware::offchip_bw},
      {simd_opt, "--simd", "simd_lanes", simd, &Hardware::simd_lanes},
  };
  std::vector<std::string> given;
  for (const Flag& f : flags) {
    if (f.opt == nullptr || f.opt->count() == 0) continue;
    int64_t v = 0;
    if (!absl::SimpleAtoi(f.value, &v) || v < 0 || v > kMaxHardwareCount) {
      return absl::InvalidArgumentError(absl::StrCat(
          "error: ", f.flag, " '", PrintableExcerpt(f.value),
          "' is not a whole number from 0 to 2^40 (", kMaxHardwareCount, ")"));
    }
    (*hw).*f.field = v;
    given.push_back(absl::StrCat(f.flag, " ", v));
  }
  if (area_model_opt != nullptr && area_model_opt->count() > 0) {
    std::optional<AreaModelKind> m = ParseAreaModelKind(area_model);
    if (!m) {
      return absl::InvalidArgumentError(absl::StrCat(
          "error: --area-model '", PrintableExcerpt(area_model),
          "' is not an area model; expected default, maestro or digamma"));
    }
    hw->area_model = *m;
  }
  std::string key;
  absl::Status st = ValidateHardwareKeyed(*hw, &key);
  if (!st.ok()) {
    for (const Flag& f : flags) {
      if (key == f.key && f.opt && f.opt->count() > 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("error: ", f.flag, ": ", st.message()));
      }
    }
    return absl::InvalidArgumentError(
        absl::StrCat("error: hardware '", hw->name, "': ", st.message()));
  }
  if (!given.empty()) {
    hw->name = absl::StrCat(hw->name, " with ", absl::StrJoin(given, " "));
  }
  return hw;
}

std::string DescribeHardware(const Hardware& hw) {
  return absl::StrCat(hw.name, ": ", hw.num_pes, " PEs, L1 ", hw.l1_size,
                      ", L2 ", hw.l2_size, ", NoC ", hw.noc_bw,
                      "/cycle latency ", hw.noc_latency, ", off-chip ",
                      hw.offchip_bw, "/cycle, SIMD ", hw.simd_lanes, ", ",
                      hw.bytes_per_element, " B/element");
}

}  // namespace maestro::tools
