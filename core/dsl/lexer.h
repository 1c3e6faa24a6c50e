// Tokens of the mapping language (MAESTRO `.m` files and our extensions).
//
// Example:
//   absl::StatusOr<std::vector<Token>> toks = Lex("Dimensions { K: 64 }",
//   "a.m");
//   // Word "Dimensions", Punct "{", Word "K", Punct ":", Number "64" (value
//   // 64), Punct "}", End
//
// MAESTRO splits lines on space, tab and `, - > ( ) : ;`; we keep those
// characters (and `{ } + * /`) as one-character Punct tokens so the parser
// can both ignore them where MAESTRO does and read expressions inside
// directive parentheses. Whitespace, CR and `//` comments vanish. A word is
// any other run of bytes (so `Y’` with its UTF-8 quote and
// `torchvision.models.googlenet` are single words). `"..."` is a String
// (used by dataflow library files); it may not span lines.
#ifndef MAESTRO_ONNX_CORE_DSL_LEXER_H_
#define MAESTRO_ONNX_CORE_DSL_LEXER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace maestro::dsl {

enum class TokenKind : uint8_t { kWord, kNumber, kString, kPunct, kEnd };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;       // as written (a String without its quotes)
  int64_t value = 0;      // kNumber
  int line = 0;           // 1-based
  int column = 0;         // 1-based, in bytes
  size_t offset = 0;      // byte offset in the text
  size_t end_offset = 0;  // one past the token's last byte

  bool IsPunct(char c) const {
    return kind == TokenKind::kPunct && text.size() == 1 && text[0] == c;
  }
  bool IsWord(absl::string_view w) const {
    return kind == TokenKind::kWord && text == w;
  }
};

// The largest integer literal we accept (2^40): larger sizes make no sense
// for a DNN layer and would overflow the cost engine's products.
inline constexpr int64_t kMaxLiteral = int64_t{1} << 40;

// The most tokens one text may hold: 2 Mi tokens, ~170 MB at most; an
// exported network has ~180 tokens per layer (2.6 bytes per token), so
// this is ~11,000 layers, 5 MB of text.
inline constexpr size_t kMaxTokens = size_t{1} << 21;

// Splits `text` into tokens, ending with one kEnd token. Errors (an
// unterminated string, a number above kMaxLiteral, more than kMaxTokens)
// name file:line:col. A leading UTF-8 byte-order mark is skipped; a text
// over kMaxTextFileBytes (core/user_file.h) is refused.
absl::StatusOr<std::vector<Token>> Lex(absl::string_view text,
                                       absl::string_view filename);

// "word 'Foo'", "number 64", "'{'", "string \"x\"", "end of file": how a
// token is named in diagnostics.
std::string Describe(const Token& t);

}  // namespace maestro::dsl

#endif  // MAESTRO_ONNX_CORE_DSL_LEXER_H_
