// The hardware flags every subcommand shares:
//   --hw FILE|PRESET  --pes N  --l1-size N  --l2-size N  --noc-bw N
//   --noc-latency N  --offchip-bw N  --simd N  --area-model MODEL
// The flags override the file or preset (default preset: pe256).
//
// Example (in a tools/cmd_*.cc setup function):
//   auto hw = std::make_shared<HardwareOptions>();
//   AddHardwareOptions(cmd, *hw);
//   return [hw]() -> int {
//     absl::StatusOr<Hardware> h = hw->Resolve();   // validated
//     if (!h.ok()) { std::cerr << h.status().message() << "\n"; return 2; }
//     ...
//   };
#ifndef MAESTRO_ONNX_TOOLS_HARDWARE_OPTIONS_H_
#define MAESTRO_ONNX_TOOLS_HARDWARE_OPTIONS_H_

#include <cstdint>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "core/hardware.h"

namespace maestro::tools {

struct HardwareOptions {
  std::string hw;  // a hardware file (MAESTRO .m or JSON) or a preset name
  // As typed: Resolve() reads them, so that "--pes 99999999999999999999"
  // is named as out of range rather than clamped by the option parser.
  std::string pes, l1_size, l2_size, noc_bw, noc_latency, offchip_bw, simd;
  std::string area_model;  // default | maestro | digamma (core/area_model.h)
  // Set by AddHardwareOptions: whether each flag was given.
  CLI::Option *pes_opt = nullptr, *l1_opt = nullptr, *l2_opt = nullptr,
              *noc_bw_opt = nullptr, *noc_latency_opt = nullptr,
              *offchip_opt = nullptr, *simd_opt = nullptr,
              *area_model_opt = nullptr;

  // The file or preset with the flags applied, validated. Errors name the
  // file:line or the flag ("--pes: num_pes is 0; expected ...").
  absl::StatusOr<Hardware> Resolve() const;
};

// Adds --hw and the override flags to `cmd`, storing into `opts` (which
// must outlive the parse, e.g. a shared_ptr captured by the action).
void AddHardwareOptions(CLI::App* cmd, HardwareOptions& opts);

// "pe256: 256 PEs, L1 1024, L2 524288, NoC 128/cycle latency 1, off-chip
// 64/cycle, SIMD 1, 1 B/element".
std::string DescribeHardware(const Hardware& hw);

}  // namespace maestro::tools

#endif  // MAESTRO_ONNX_TOOLS_HARDWARE_OPTIONS_H_
