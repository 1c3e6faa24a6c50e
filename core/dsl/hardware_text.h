// Internals shared by the hardware file reader (core/dsl/hardware_text.cc)
// and core/hardware.cc. Users call ParseHardwareText / LoadHardwareFile /
// ValidateHardware from core/hardware.h instead.
//
// Example:
//   std::string key;
//   absl::Status st = ValidateHardwareKeyed(hw, &key);  // key = "num_pes"
#ifndef MAESTRO_ONNX_CORE_DSL_HARDWARE_TEXT_H_
#define MAESTRO_ONNX_CORE_DSL_HARDWARE_TEXT_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "core/hardware.h"

namespace maestro {

// Upper bound of every count, size and bandwidth (2^40): keeps the cost
// engine's products far from int64 overflow.
inline constexpr int64_t kMaxHardwareCount = int64_t{1} << 40;
// The cap on a hardware file (a real one is a few hundred bytes).
inline constexpr int64_t kMaxHardwareFileBytes = int64_t{1} << 20;

// ValidateHardware without the prefix; sets *key to the canonical name of
// the first offending key (num_pes, l1_size, ..., mac_pj, ...).
absl::Status ValidateHardwareKeyed(const Hardware& hw, std::string* key);

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_DSL_HARDWARE_TEXT_H_
