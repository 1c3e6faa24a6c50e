#include "core/report/json_text.h"

#include "absl/strings/str_cat.h"
#include "core/user_file.h"

namespace maestro {
namespace {

struct LineCol {
  int line = 1;
  int col = 1;
};

LineCol At(absl::string_view text, size_t offset) {
  LineCol l;
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

absl::Status Error(absl::string_view file, absl::string_view text,
                   size_t offset, absl::string_view msg) {
  const LineCol l = At(text, offset);
  return absl::InvalidArgumentError(absl::StrCat(
      PrintableExcerpt(file, 200), ":", l.line, ":", l.col, ": error: ", msg));
}

template <typename J>
std::string Excerpt(const J& v) {
  if (v.is_array() || v.is_object()) {
    return absl::StrCat(v.is_array() ? "an array" : "an object", " of ",
                        v.size(), v.size() == 1 ? " element" : " elements");
  }
  const std::string text = PrintableExcerpt(DumpJson(v), 60);
  if (v.is_number() || v.is_null()) return text;
  return absl::StrCat(v.type_name(), " ", text);
}

}  // namespace

absl::Status CheckJsonDepth(absl::string_view text, absl::string_view file,
                            absl::string_view expected) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        return Error(file, text, i,
                     absl::StrCat("JSON nested deeper than ", kMaxJsonDepth,
                                  " levels; expected ", expected));
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<nlohmann::ordered_json> ParseUserJson(
    absl::string_view text, absl::string_view file,
    absl::string_view expected) {
  absl::Status depth = CheckJsonDepth(text, file, expected);
  if (!depth.ok()) return depth;
  try {
    return nlohmann::ordered_json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: x"
    size_t colon = what.find(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    return Error(file, text, e.byte > 0 ? e.byte - 1 : 0,
                 absl::StrCat("invalid JSON (", PrintableExcerpt(what, 200),
                              "); expected ", expected));
  } catch (const std::exception& e) {
    return Error(file, text, 0,
                 absl::StrCat("invalid JSON (", PrintableExcerpt(e.what(), 200),
                              "); expected ", expected));
  }
}

std::string JsonExcerpt(const nlohmann::ordered_json& v) { return Excerpt(v); }
std::string JsonExcerpt(const nlohmann::json& v) { return Excerpt(v); }

}  // namespace maestro
