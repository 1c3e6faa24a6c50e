#include "core/dsl/lexer.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/user_file.h"

namespace maestro::dsl {
namespace {

bool IsPunctChar(char c) {
  switch (c) {
    case ',':
    case '-':
    case '>':
    case '(':
    case ')':
    case ':':
    case ';':
    case '{':
    case '}':
    case '+':
    case '*':
    case '/':
      return true;
    default:
      return false;
  }
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
         c == '\v';
}

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string Printable(absl::string_view s) { return PrintableExcerpt(s, 40); }

}  // namespace

std::string Describe(const Token& t) {
  switch (t.kind) {
    case TokenKind::kWord:
      return absl::StrCat("word '", Printable(t.text), "'");
    case TokenKind::kNumber:
      return absl::StrCat("number ", t.text);
    case TokenKind::kString:
      return absl::StrCat("string \"", Printable(t.text), "\"");
    case TokenKind::kPunct:
      return absl::StrCat("'", t.text, "'");
    case TokenKind::kEnd:
      return "end of file";
  }
  return "?";
}

absl::StatusOr<std::vector<Token>> Lex(absl::string_view text,
                                       absl::string_view filename) {
  std::vector<Token> out;
  // About one token per 3 bytes: one allocation for most files, and none
  // doubled past the cap.
  out.reserve(std::min(text.size() / 3 + 16, kMaxTokens + 1));
  int line = 1;
  size_t line_start = 0;
  size_t i = 0;
  if (absl::StartsWith(text, "\xEF\xBB\xBF")) {
    i = line_start = 3;  // a UTF-8 byte-order mark
  }
  const size_t n = text.size();
  auto make = [&](TokenKind kind, size_t begin, size_t end) {
    Token t;
    t.kind = kind;
    t.text = std::string(text.substr(begin, end - begin));
    t.line = line;
    t.column = static_cast<int>(begin - line_start) + 1;
    t.offset = begin;
    t.end_offset = end;
    return t;
  };
  auto error = [&](size_t at, absl::string_view msg) {
    return absl::InvalidArgumentError(absl::StrCat(
        filename, ":", line, ":", at - line_start + 1, ": error: ", msg));
  };
  if (n > static_cast<size_t>(kMaxTextFileBytes)) {
    return absl::InvalidArgumentError(absl::StrCat(
        PrintableExcerpt(filename, 4096), ": error: the text is ", n,
        " bytes, over the limit of ", kMaxTextFileBytes, " bytes"));
  }
  while (i < n) {
    if (out.size() >= kMaxTokens) {
      return error(i, absl::StrCat("more than ", kMaxTokens,
                                   " tokens; expected a smaller file"));
    }
    char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (c == '/' && i + 1 < n && text[i + 1] == '/') {
      while (i < n && text[i] != '\n') ++i;
      continue;
    }
    if (c == '"') {
      size_t j = i + 1;
      while (j < n && text[j] != '"' && text[j] != '\n') {
        const unsigned char b = static_cast<unsigned char>(text[j]);
        if ((b < 0x20 && b != '\t' && b != '\r') || b == 0x7f) {
          return error(j, absl::StrCat("found control byte \\x",
                                       absl::Hex(b, absl::kZeroPad2),
                                       " in a string; expected text"));
        }
        ++j;
      }
      if (j >= n || text[j] != '"') {
        return error(i,
                     "unterminated string; expected a closing '\"' on "
                     "the same line");
      }
      Token t = make(TokenKind::kString, i + 1, j);
      t.column = static_cast<int>(i - line_start) + 1;
      t.offset = i;
      t.end_offset = j + 1;
      out.push_back(std::move(t));
      i = j + 1;
      continue;
    }
    if (IsPunctChar(c)) {
      out.push_back(make(TokenKind::kPunct, i, i + 1));
      ++i;
      continue;
    }
    size_t j = i;
    while (j < n && !IsSpace(text[j]) && !IsPunctChar(text[j]) &&
           text[j] != '"') {
      const unsigned char b = static_cast<unsigned char>(text[j]);
      if (b < 0x20 || b == 0x7f) {
        return error(j, absl::StrCat("found control byte \\x",
                                     absl::Hex(b, absl::kZeroPad2),
                                     "; expected text (a .m file is plain "
                                     "text)"));
      }
      ++j;
    }
    Token t = make(TokenKind::kWord, i, j);
    if (AllDigits(t.text)) {
      int64_t v = 0;
      for (char d : t.text) {
        v = v * 10 + (d - '0');
        if (v > kMaxLiteral) {
          return error(
              i, absl::StrCat("number ", Printable(t.text),
                              " is too large; expected at most ", kMaxLiteral));
        }
      }
      t.kind = TokenKind::kNumber;
      t.value = v;
    }
    out.push_back(std::move(t));
    i = j;
  }
  Token end;
  end.kind = TokenKind::kEnd;
  end.line = line;
  end.column = static_cast<int>(n - line_start) + 1;
  end.offset = end.end_offset = n;
  out.push_back(std::move(end));
  return out;
}

}  // namespace maestro::dsl
