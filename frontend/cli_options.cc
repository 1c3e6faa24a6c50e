#include "frontend/cli_options.h"

#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/user_file.h"

namespace maestro::frontend {

absl::StatusOr<FrontendOptions> ParseFrontendFlags(
    const std::vector<std::string>& input_shapes,
    const std::vector<std::string>& input_values) {
  FrontendOptions o;
  for (const std::string& s : input_shapes) {
    size_t eq = s.rfind('=');
    if (eq == std::string::npos || eq == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("--input-shape '", PrintableExcerpt(s),
                       "'; expected NAME=DIMS like input=1x3x224x224"));
    }
    auto dims = ParseShapeText(absl::string_view(s).substr(eq + 1));
    if (!dims.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--input-shape: ", dims.status().message()));
    }
    o.input_shapes[s.substr(0, eq)] = *dims;
  }
  for (const std::string& s : input_values) {
    size_t eq = s.rfind('=');
    double v;
    if (eq == std::string::npos || eq == 0 ||
        !absl::SimpleAtod(absl::string_view(s).substr(eq + 1), &v) ||
        !std::isfinite(v)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--input-value '", PrintableExcerpt(s),
                       "'; expected NAME=NUMBER like rate=16000"));
    }
    o.input_values[s.substr(0, eq)] = v;
  }
  return o;
}

ConvForm ConvFormFromName(const std::string& name) {
  return name == "maestro" ? ConvForm::kMaestro : ConvForm::kExact;
}

}  // namespace maestro::frontend
