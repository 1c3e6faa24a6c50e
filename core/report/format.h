// The number, unit and name formats every human table uses (the main job's
// per-network report, `eval`, `search`): one copy, so that the same figure
// reads the same everywhere.
//
// Example:
//   HumanBytes(1536);                       // "1.5 KiB"
//   ShortCount(118013952);                  // "118.0M"
//   Microjoules(357960000);                 // "357.96" (pJ in, uJ out)
//   BufferCell(1100, 1024, hw);             // "1.1 KiB!" (over the hardware's)
//   ElidedNames e = ElideUnique(names, 20);  // e.names[i] stands for names[i]
//                                            // only, e.width >= 20
//   WriteHardwareLine(hw, std::cout);       // "hardware pe256: 256 PEs, ..."
//   TerminalWidth();                        // ioctl on a TTY, else 100
#ifndef MAESTRO_ONNX_CORE_REPORT_FORMAT_H_
#define MAESTRO_ONNX_CORE_REPORT_FORMAT_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/engine/analysis.h"
#include "core/hardware.h"

namespace maestro {

// 1234567 -> "1,234,567".
std::string GroupThousands(int64_t v);

// Bytes in binary units: 12 -> "12 B", 1536 -> "1.5 KiB", 52428800 -> "50 MiB".
std::string HumanBytes(double bytes);

// A count with a K/M/G suffix (MACs): 118013952 -> "118.0M".
std::string ShortCount(double v);

// Picojoules printed as microjoules, two decimals: 357960000 -> "357.96";
// below 1 uJ three significant digits: 35479 -> "0.0355".
std::string Microjoules(double pj);

// Cycles at the hardware's clock, in milliseconds.
double Milliseconds(int64_t cycles, const Hardware& hw);

// MACs / (PEs x SIMD lanes x cycles) of one layer instance, 0..1.
double Utilization(const LayerResult& r, const Hardware& hw);

// A buffer need next to the hardware's, in bytes: rounded ("5.6 KiB"), or
// exact ("1,026 B") when the rounded forms of the two would look equal
// while the values differ, so rounding never hides an overflow.
struct BufferText {
  std::string need, have;
};
BufferText Buffers(int64_t need_bytes, int64_t have_bytes);

// A per-layer or peak buffer cell (elements in): the need in bytes, '!'
// when over the hardware's.
std::string BufferCell(int64_t need_elems, int64_t have_elems,
                       const Hardware& hw);

// "hardware NAME: P PEs, L1 .../PE, L2 ..., NoC ... el/cycle (latency L),
//   off-chip ... el/cycle, G GHz" (two lines).
void WriteHardwareLine(const Hardware& hw, std::ostream& os);

// The names of a table's column cut to `width` characters each by
// replacing a middle part with '~' ("/layer1~0/conv1/Conv"), where the
// cut is placed, and the width grown, until no elided name could stand for
// another name of the column (another name starting with its head and
// ending with its tail). Shorter names are kept whole. `width` of the
// result: that of the longest printed name.
struct ElidedNames {
  size_t width = 0;
  std::vector<std::string> names;
};
ElidedNames ElideUnique(const std::vector<std::string>& names, size_t width);

// The width a table may use: the terminal's columns when stdout is a
// terminal (at least 80), else 100, so that piped output is deterministic.
int TerminalWidth();

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_REPORT_FORMAT_H_
