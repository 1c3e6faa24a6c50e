// libFuzzer target for hardware descriptions (MAESTRO .m and our JSON).
//   build-fuzz/fuzz/hardware_parser_fuzzer -max_len=4096 -timeout=2 CORPUS
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/hardware.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<maestro::Hardware> hw =
      maestro::ParseHardwareText(text, "fuzz.hw");
  // Whatever parses must be valid.
  if (hw.ok() && !maestro::ValidateHardware(*hw).ok()) abort();
  return 0;
}
