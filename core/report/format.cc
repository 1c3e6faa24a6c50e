#include "core/report/format.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace maestro {

std::string GroupThousands(int64_t v) {
  std::string digits =
      std::to_string(v < 0 ? -(v + 1) + uint64_t{1} : static_cast<uint64_t>(v));
  std::string out;
  int n = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (n > 0 && n % 3 == 0) out.insert(out.begin(), ',');
    out.insert(out.begin(), *it);
    ++n;
  }
  return v < 0 ? "-" + out : out;
}

std::string HumanBytes(double b) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  while (b >= 1024 && u < 4) {
    b /= 1024;
    ++u;
  }
  if (u == 0) return absl::StrFormat("%.0f B", b);
  if (b >= 10) return absl::StrFormat("%.0f %s", b, units[u]);
  return absl::StrFormat("%.1f %s", b, units[u]);
}

std::string ShortCount(double v) {
  if (v >= 1e9) return absl::StrFormat("%.2fG", v / 1e9);
  if (v >= 1e6) return absl::StrFormat("%.1fM", v / 1e6);
  if (v >= 1e3) return absl::StrFormat("%.1fK", v / 1e3);
  return absl::StrFormat("%.0f", v);
}

std::string Microjoules(double pj) {
  const double uj = pj / 1e6;
  // Below 1 uJ, three significant digits: 0.0355, not 0.04.
  if (uj != 0 && std::fabs(uj) < 1) return absl::StrFormat("%.3g", uj);
  return absl::StrFormat("%.2f", uj);
}

double Milliseconds(int64_t cycles, const Hardware& hw) {
  return static_cast<double>(cycles) / (hw.clock_ghz * 1e6);
}

double Utilization(const LayerResult& r, const Hardware& hw) {
  if (r.runtime_cycles <= 0 || hw.num_pes <= 0) return 0;
  return static_cast<double>(r.macs) /
         (PeakMacsPerCycle(hw) * static_cast<double>(r.runtime_cycles));
}

BufferText Buffers(int64_t need_bytes, int64_t have_bytes) {
  BufferText t{HumanBytes(static_cast<double>(need_bytes)),
               HumanBytes(static_cast<double>(have_bytes))};
  if (t.need == t.have && need_bytes != have_bytes) {
    t = {GroupThousands(need_bytes) + " B", GroupThousands(have_bytes) + " B"};
  }
  return t;
}

std::string BufferCell(int64_t need_elems, int64_t have_elems,
                       const Hardware& hw) {
  return Buffers(need_elems * hw.bytes_per_element,
                 have_elems * hw.bytes_per_element)
             .need +
         (need_elems > have_elems ? "!" : "");
}

void WriteHardwareLine(const Hardware& hw, std::ostream& os) {
  os << absl::StrFormat(
      "hardware %s: %s PEs, L1 %s/PE, L2 %s, NoC %s el/cycle (latency %d),\n"
      "  off-chip %s el/cycle, %.2f GHz\n",
      hw.name, GroupThousands(hw.num_pes),
      HumanBytes(static_cast<double>(hw.l1_size * hw.bytes_per_element)),
      HumanBytes(static_cast<double>(hw.l2_size * hw.bytes_per_element)),
      GroupThousands(hw.noc_bw), hw.noc_latency, GroupThousands(hw.offchip_bw),
      hw.clock_ghz);
}

namespace {

// Whether `n`, as a whole, could be what "head~tail" stands for.
bool Matches(const std::string& n, absl::string_view head,
             absl::string_view tail) {
  return n.size() > head.size() + tail.size() && absl::StartsWith(n, head) &&
         absl::EndsWith(n, tail);
}

bool IsSeparator(char c) {
  return c == '/' || c == '.' || c == '_' || c == ':' || c == '-';
}

// Whether a cut between s[i - 1] and s[i] leaves whole words on its side.
bool AtWordEdge(const std::string& s, size_t i) {
  return i == 0 || i >= s.size() || IsSeparator(s[i - 1]) || IsSeparator(s[i]);
}

// `s` elided to `w` characters so that no other of `all` matches it: the
// cut as near a third of the way in as possible, preferably where both
// kept parts end on a word edge ("/layer1~.0/conv1/Conv", not
// "/layer1~0/conv1/Conv"); "" when no cut is unambiguous.
std::string ElideOne(const std::string& s, size_t w,
                     const std::vector<std::string>& all) {
  const size_t keep = w - 1, pref = keep / 3;
  std::vector<size_t> heads;  // nearest to `pref` first
  for (size_t d = 0; d <= keep; ++d) {
    if (pref + d <= keep) heads.push_back(pref + d);
    if (d > 0 && d <= pref) heads.push_back(pref - d);
  }
  std::string first;
  for (size_t h : heads) {
    const size_t t = s.size() - (keep - h);  // where the tail starts
    const absl::string_view head(s.data(), h);
    const absl::string_view tail(s.data() + t, keep - h);
    bool alone = true;
    for (const std::string& n : all) {
      if (n != s && Matches(n, head, tail)) {
        alone = false;
        break;
      }
    }
    if (!alone) continue;
    std::string e = absl::StrCat(head, "~", tail);
    if (AtWordEdge(s, h) && AtWordEdge(s, t)) return e;
    if (first.empty()) first = std::move(e);
  }
  return first;
}

// Every name elided to `w`, or false when one cannot be at that width.
bool ElideAll(const std::vector<std::string>& names, size_t w,
              std::vector<std::string>& out) {
  out.clear();
  for (const std::string& n : names) {
    if (n.size() <= w) {
      out.push_back(n);
      continue;
    }
    std::string e = ElideOne(n, w, names);
    if (e.empty()) return false;
    out.push_back(std::move(e));
  }
  return true;
}

}  // namespace

ElidedNames ElideUnique(const std::vector<std::string>& names, size_t width) {
  ElidedNames r;
  size_t longest = 0;
  for (const std::string& n : names) longest = std::max(longest, n.size());
  // Cutting fewer than 4 characters saves nothing worth an ellipsis.
  for (size_t w = std::max<size_t>(width, 2); w < longest && w + 4 <= longest;
       ++w) {
    if (ElideAll(names, w, r.names)) {
      r.width = w;
      return r;
    }
  }
  r.names = names;
  r.width = longest;
  return r;
}

int TerminalWidth() {
  winsize ws{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
      ws.ws_col > 0) {
    return std::max(80, static_cast<int>(ws.ws_col));
  }
  return 100;
}

}  // namespace maestro
