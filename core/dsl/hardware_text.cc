// Reads hardware descriptions: MAESTRO's `key: value` .m files and our JSON
// form (keys in docs/hardware.md).
#include "core/dsl/hardware_text.h"

#include <cmath>
#include <map>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/hardware.h"
#include "core/report/json_text.h"
#include "core/user_file.h"
#include "nlohmann/json.hpp"

namespace maestro {
namespace {

enum class Field {
  kName,
  kAreaModel,
  kNumPes,
  kL1,
  kL2,
  kNocBw,
  kNocLatency,
  kOffchipBw,
  kSimd,
  kBytes,
  kClock,
  kMac,
  kL1Read,
  kL1Write,
  kL2Read,
  kL2Write,
  kNoc,
  kDram,
};

struct KeyDef {
  absl::string_view key;  // as written in a file
  absl::string_view canonical;
  Field field;
};

// MAESTRO's names first, then ours (the canonical names).
constexpr KeyDef kKeys[] = {
    {"num_pes", "num_pes", Field::kNumPes},
    {"l1_size_cstr", "l1_size", Field::kL1},
    {"l2_size_cstr", "l2_size", Field::kL2},
    {"noc_bw_cstr", "noc_bw", Field::kNocBw},
    {"offchip_bw_cstr", "offchip_bw", Field::kOffchipBw},
    {"NoC_NumHops", "noc_latency", Field::kNocLatency},
    {"noc_hop_latency", "noc_latency", Field::kNocLatency},
    {"name", "name", Field::kName},
    {"area_model", "area_model", Field::kAreaModel},
    {"l1_size", "l1_size", Field::kL1},
    {"l2_size", "l2_size", Field::kL2},
    {"noc_bw", "noc_bw", Field::kNocBw},
    {"noc_latency", "noc_latency", Field::kNocLatency},
    {"offchip_bw", "offchip_bw", Field::kOffchipBw},
    {"simd_lanes", "simd_lanes", Field::kSimd},
    {"bytes_per_element", "bytes_per_element", Field::kBytes},
    {"clock_ghz", "clock_ghz", Field::kClock},
    {"mac_pj", "mac_pj", Field::kMac},
    {"l1_read_pj", "l1_read_pj", Field::kL1Read},
    {"l1_write_pj", "l1_write_pj", Field::kL1Write},
    {"l2_read_pj", "l2_read_pj", Field::kL2Read},
    {"l2_write_pj", "l2_write_pj", Field::kL2Write},
    {"noc_pj", "noc_pj", Field::kNoc},
    {"dram_pj", "dram_pj", Field::kDram},
};

const KeyDef* FindKey(absl::string_view k) {
  for (const KeyDef& d : kKeys) {
    if (d.key == k) return &d;
  }
  return nullptr;
}

std::string KnownKeys() {
  std::vector<absl::string_view> v;
  for (const KeyDef& d : kKeys) v.push_back(d.key);
  return absl::StrJoin(v, ", ");
}

bool IsTextField(Field f) {
  return f == Field::kName || f == Field::kAreaModel;
}
bool IsIntegerField(Field f) {
  return !IsTextField(f) && f != Field::kClock && f < Field::kMac;
}
bool IsEnergyField(Field f) { return f >= Field::kMac; }

struct Loc {
  int line = 0, col = 0;
};

std::string Where(absl::string_view file, Loc l) {
  if (l.line <= 0) return std::string(file);
  return absl::StrCat(file, ":", l.line, ":", l.col);
}

absl::Status Error(absl::string_view file, Loc l, absl::string_view msg) {
  return absl::InvalidArgumentError(
      absl::StrCat(Where(file, l), ": error: ", msg));
}

// Collects key values, remembers where each came from, and fills the
// Hardware at the end.
class Builder {
 public:
  explicit Builder(absl::string_view file) : file_(file) {
    hw_.name = std::string(file);
  }

  absl::Status SetInt(const KeyDef& k, int64_t v, Loc loc) {
    absl::Status st = Seen(k, loc);
    if (!st.ok()) return st;
    switch (k.field) {
      case Field::kNumPes:
        hw_.num_pes = v;
        break;
      case Field::kL1:
        hw_.l1_size = v;
        break;
      case Field::kL2:
        hw_.l2_size = v;
        break;
      case Field::kNocBw:
        hw_.noc_bw = v;
        break;
      case Field::kNocLatency:
        hw_.noc_latency = v;
        break;
      case Field::kOffchipBw:
        hw_.offchip_bw = v;
        break;
      case Field::kSimd:
        hw_.simd_lanes = v;
        break;
      case Field::kBytes:
        hw_.bytes_per_element = v;
        break;
      default:
        break;
    }
    return absl::OkStatus();
  }

  absl::Status SetDouble(const KeyDef& k, double v, Loc loc) {
    absl::Status st = Seen(k, loc);
    if (!st.ok()) return st;
    switch (k.field) {
      case Field::kClock:
        hw_.clock_ghz = v;
        break;
      case Field::kMac:
        energy_.mac_pj = v;
        break;
      case Field::kL1Read:
        energy_.l1_read_pj = v;
        break;
      case Field::kL1Write:
        energy_.l1_write_pj = v;
        break;
      case Field::kL2Read:
        energy_.l2_read_pj = v;
        break;
      case Field::kL2Write:
        energy_.l2_write_pj = v;
        break;
      case Field::kNoc:
        energy_.noc_pj = v;
        break;
      case Field::kDram:
        energy_.dram_pj = v;
        break;
      default:
        break;
    }
    return absl::OkStatus();
  }

  absl::Status SetName(const KeyDef& k, absl::string_view v, Loc loc) {
    absl::Status st = Seen(k, loc);
    if (!st.ok()) return st;
    if (HasControlBytes(v)) {
      return Error(file_, loc,
                   absl::StrCat(k.key, " is '", PrintableExcerpt(v),
                                "', with a control byte; expected text"));
    }
    hw_.name = std::string(v);
    return absl::OkStatus();
  }

  absl::Status SetAreaModel(const KeyDef& k, absl::string_view v, Loc loc) {
    absl::Status st = Seen(k, loc);
    if (!st.ok()) return st;
    std::optional<AreaModelKind> m = ParseAreaModelKind(v);
    if (!m) {
      return Error(file_, loc,
                   absl::StrCat(k.key, " is '", PrintableExcerpt(v),
                                "'; expected one of default, maestro, "
                                "digamma"));
    }
    hw_.area_model = *m;
    return absl::OkStatus();
  }

  // Parses `text` as the value of key `k` (text, an integer or a number).
  absl::Status SetText(const KeyDef& k, absl::string_view text, Loc loc) {
    if (k.field == Field::kName) return SetName(k, text, loc);
    if (k.field == Field::kAreaModel) return SetAreaModel(k, text, loc);
    if (IsIntegerField(k.field)) {
      int64_t v = 0;
      if (!absl::SimpleAtoi(text, &v)) {
        return Error(file_, loc,
                     absl::StrCat(k.key, " is '", PrintableExcerpt(text),
                                  "'; expected a whole number"));
      }
      return SetInt(k, v, loc);
    }
    double v = 0;
    if (!absl::SimpleAtod(text, &v) || !std::isfinite(v)) {
      return Error(file_, loc,
                   absl::StrCat(k.key, " is '", PrintableExcerpt(text),
                                "'; expected a number"));
    }
    return SetDouble(k, v, loc);
  }

  bool empty() const { return seen_.empty(); }

  absl::StatusOr<Hardware> Finish() {
    if (seen_.empty()) {
      return Error(file_, Loc{},
                   "no hardware keys; expected lines such as 'num_pes: 256' "
                   "or a JSON object such as {\"num_pes\": 256}");
    }
    // Energies not given come from the default table for the element width.
    EnergyTable def = DefaultEnergyTable(hw_.bytes_per_element >= 1 &&
                                                 hw_.bytes_per_element <= 16
                                             ? hw_.bytes_per_element
                                             : 1);
    auto pick = [&](Field f, double given, double d) {
      return seen_.count(FieldKey(f)) ? given : d;
    };
    hw_.energy.mac_pj = pick(Field::kMac, energy_.mac_pj, def.mac_pj);
    hw_.energy.l1_read_pj =
        pick(Field::kL1Read, energy_.l1_read_pj, def.l1_read_pj);
    hw_.energy.l1_write_pj =
        pick(Field::kL1Write, energy_.l1_write_pj, def.l1_write_pj);
    hw_.energy.l2_read_pj =
        pick(Field::kL2Read, energy_.l2_read_pj, def.l2_read_pj);
    hw_.energy.l2_write_pj =
        pick(Field::kL2Write, energy_.l2_write_pj, def.l2_write_pj);
    hw_.energy.noc_pj = pick(Field::kNoc, energy_.noc_pj, def.noc_pj);
    hw_.energy.dram_pj = pick(Field::kDram, energy_.dram_pj, def.dram_pj);
    std::string key;
    absl::Status st = ValidateHardwareKeyed(hw_, &key);
    if (!st.ok()) {
      auto it = seen_.find(key);
      Loc loc = it == seen_.end() ? Loc{} : it->second.loc;
      std::string written = it == seen_.end() ? key : it->second.written;
      std::string msg(st.message());
      if (written != key) {
        msg = absl::StrCat(written, msg.substr(key.size()));
      }
      return Error(file_, loc, msg);
    }
    return hw_;
  }

 private:
  struct SeenKey {
    Loc loc;
    std::string written;
  };

  static std::string FieldKey(Field f) {
    for (const KeyDef& d : kKeys) {
      if (d.field == f) return std::string(d.canonical);
    }
    return "";
  }

  absl::Status Seen(const KeyDef& k, Loc loc) {
    auto [it, inserted] = seen_.emplace(std::string(k.canonical),
                                        SeenKey{loc, std::string(k.key)});
    if (!inserted) {
      return Error(
          file_, loc,
          absl::StrCat(k.key, " is given twice (first as ", it->second.written,
                       " at line ", it->second.loc.line,
                       "); expected each key once"));
    }
    return absl::OkStatus();
  }

  std::string file_;
  Hardware hw_;
  EnergyTable energy_;
  std::map<std::string, SeenKey> seen_;
};

absl::StatusOr<Hardware> ParseMaestroHw(absl::string_view text,
                                        absl::string_view file) {
  Builder b(file);
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    size_t comment = line.find("//");
    if (comment != absl::string_view::npos) line = line.substr(0, comment);
    // Column of the first non-blank character.
    size_t start = 0;
    while (start < line.size() && absl::ascii_isspace(line[start])) ++start;
    absl::string_view body = absl::StripAsciiWhitespace(line);
    if (body.empty()) continue;
    Loc loc{line_no, static_cast<int>(start) + 1};
    absl::string_view key, value;
    size_t colon = body.find_first_of(":=");
    if (colon != absl::string_view::npos) {
      key = absl::StripAsciiWhitespace(body.substr(0, colon));
      value = absl::StripAsciiWhitespace(body.substr(colon + 1));
    } else {
      size_t sp = body.find_first_of(" \t");
      key = body.substr(0, sp);
      value = sp == absl::string_view::npos
                  ? absl::string_view()
                  : absl::StripAsciiWhitespace(body.substr(sp));
    }
    if (!value.empty() && value.back() == ';') {
      value = absl::StripAsciiWhitespace(value.substr(0, value.size() - 1));
    }
    const KeyDef* k = FindKey(key);
    if (!k) {
      return Error(file, loc,
                   absl::StrCat("unknown hardware key '", PrintableExcerpt(key),
                                "'; expected one of ", KnownKeys()));
    }
    if (value.empty()) {
      return Error(file, loc,
                   absl::StrCat("key ", PrintableExcerpt(key),
                                " has no value; expected '",
                                PrintableExcerpt(key), ": <value>'"));
    }
    absl::Status st = b.SetText(*k, value, loc);
    if (!st.ok()) return st;
  }
  return b.Finish();
}

Loc OffsetToLoc(absl::string_view text, size_t offset) {
  Loc l{1, 1};
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++l.line;
      l.col = 1;
    } else {
      ++l.col;
    }
  }
  return l;
}

// Where `"key"` first occurs in the JSON text (good enough for messages).
Loc KeyLoc(absl::string_view text, absl::string_view key) {
  size_t at = text.find(absl::StrCat("\"", key, "\""));
  if (at == absl::string_view::npos) return Loc{};
  return OffsetToLoc(text, at);
}

absl::Status JsonValue(Builder& b, const KeyDef& k,
                       const nlohmann::ordered_json& v, absl::string_view text,
                       absl::string_view file, absl::string_view path) {
  Loc loc = KeyLoc(text, k.key);
  if (IsTextField(k.field)) {
    if (!v.is_string()) {
      return Error(
          file, loc,
          absl::StrCat(path, " is ", v.type_name(), "; expected a string"));
    }
    if (k.field == Field::kAreaModel) {
      return b.SetAreaModel(k, v.get<std::string>(), loc);
    }
    return b.SetName(k, v.get<std::string>(), loc);
  }
  if (!v.is_number()) {
    return Error(
        file, loc,
        absl::StrCat(path, " is ", JsonExcerpt(v), "; expected a number"));
  }
  if (IsIntegerField(k.field)) {
    if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t{INT64_MAX}) {
      return Error(file, loc,
                   absl::StrCat(path, " is ", JsonExcerpt(v),
                                "; expected a whole number below 2^63"));
    }
    if (v.is_number_float()) {
      double d = v.get<double>();
      if (!(std::floor(d) == d && std::fabs(d) < 9e18)) {
        return Error(file, loc,
                     absl::StrCat(path, " is ", JsonExcerpt(v),
                                  "; expected a whole number"));
      }
      return b.SetInt(k, static_cast<int64_t>(d), loc);
    }
    return b.SetInt(k, v.get<int64_t>(), loc);
  }
  return b.SetDouble(k, v.get<double>(), loc);
}

absl::StatusOr<Hardware> ParseJsonHw(absl::string_view text,
                                     absl::string_view file) {
  absl::StatusOr<nlohmann::ordered_json> parsed =
      ParseUserJson(text, file, "an object of hardware keys");
  if (!parsed.ok()) return parsed.status();
  const nlohmann::ordered_json& j = *parsed;
  if (!j.is_object()) {
    return Error(file, Loc{1, 1},
                 absl::StrCat("the JSON value is ", j.type_name(),
                              "; expected an object of hardware keys"));
  }
  Builder b(file);
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    if (key == "energy") {
      if (!it->is_object()) {
        return Error(file, KeyLoc(text, key),
                     absl::StrCat("energy is ", it->type_name(),
                                  "; expected an object of *_pj keys"));
      }
      for (auto e = it->begin(); e != it->end(); ++e) {
        const KeyDef* k = FindKey(e.key());
        if (!k || !IsEnergyField(k->field)) {
          return Error(
              file, KeyLoc(text, e.key()),
              absl::StrCat("unknown energy key '", PrintableExcerpt(e.key()),
                           "'; expected mac_pj, l1_read_pj, ",
                           "l1_write_pj, l2_read_pj, l2_write_pj, ",
                           "noc_pj or dram_pj"));
        }
        absl::Status st =
            JsonValue(b, *k, *e, text, file, absl::StrCat("energy.", e.key()));
        if (!st.ok()) return st;
      }
      continue;
    }
    if (key == "description" || key == "comment") continue;
    const KeyDef* k = FindKey(key);
    if (!k) {
      return Error(file, KeyLoc(text, key),
                   absl::StrCat("unknown hardware key '", PrintableExcerpt(key),
                                "'; expected one of ", KnownKeys(),
                                ", energy, description"));
    }
    absl::Status st = JsonValue(b, *k, *it, text, file, key);
    if (!st.ok()) return st;
  }
  return b.Finish();
}

}  // namespace

absl::StatusOr<Hardware> ParseHardwareText(absl::string_view text,
                                           absl::string_view filename) {
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");  // a UTF-8 byte-order mark
  absl::string_view body = absl::StripLeadingAsciiWhitespace(text);
  if (!body.empty() && (body[0] == '{' || body[0] == '[')) {
    return ParseJsonHw(text, filename);
  }
  return ParseMaestroHw(text, filename);
}

}  // namespace maestro
