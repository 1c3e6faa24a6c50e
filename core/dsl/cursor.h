// Internal to core/dsl: a cursor over the tokens of one file, with the
// pieces both file forms share (expressions, Dataflow blocks, diagnostics).
//
// Example:
//   Cursor c(tokens, text, "a.m");
//   absl::StatusOr<Expr> e = c.ParseExpr();   // 7*Stride(X)+Sz(S)
//   absl::Status st = c.Fail(c.Peek(), "in layer 'L1'", "a dimension");
//   // "a.m:3:7: error: found word 'Q' in layer 'L1'; expected a dimension"
#ifndef MAESTRO_ONNX_CORE_DSL_CURSOR_H_
#define MAESTRO_ONNX_CORE_DSL_CURSOR_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/dsl/lexer.h"
#include "core/mapping.h"

namespace maestro::dsl {

class Cursor {
 public:
  Cursor(const std::vector<Token>& tokens, absl::string_view text,
         absl::string_view filename)
      : toks_(tokens), text_(text), file_(filename) {}

  const Token& Peek(size_t k = 0) const {
    size_t i = pos_ + k;
    return i < toks_.size() ? toks_[i] : toks_.back();
  }
  const Token& Next() {
    const Token& t = Peek();
    if (pos_ + 1 < toks_.size()) ++pos_;
    return t;
  }
  bool AtEnd() const { return Peek().kind == TokenKind::kEnd; }

  // Skips MAESTRO's separators `, - > : ;` (not `( ) { }`).
  void SkipSeparators();

  // Consumes punctuation `c` or fails with "found ...; expected '<c>'".
  absl::Status Expect(char c, absl::string_view context);

  // "file:line:col: error: found <t><context>; expected <expected>".
  absl::Status Fail(const Token& t, absl::string_view context,
                    absl::string_view expected) const;
  // "file:line:col: error: <msg>" at `t`.
  absl::Status FailMsg(const Token& t, absl::string_view msg) const;

  SourceLocation Loc(const Token& t) const;
  const std::string& file() const { return file_; }

  // The tokens from `first_index` to the one before the cursor, as written:
  // adjacent tokens glued, others joined by one space.
  std::string TextFrom(size_t first_index) const;
  size_t index() const { return pos_; }
  // Moves the cursor back (or on) to token `index` (error recovery).
  void Seek(size_t index) {
    pos_ = index < toks_.size() ? index : toks_.size() - 1;
  }

  // Named constants (`Constant NAME INT;`), substituted in expressions.
  std::map<std::string, int64_t>& constants() { return constants_; }

  // expr := term (("+"|"-") term)*; term := atom (("*"|"/") atom)*;
  // atom := INT | CONSTANT | Sz(D) | Stride(D) | min(e,e) | max(e,e) | (e).
  absl::StatusOr<Expr> ParseExpr();

  // A directive: TemporalMap/SpatialMap (size, offset) DIM or
  // Cluster(size, P|L); the trailing `;` is consumed by the caller.
  absl::StatusOr<Directive> ParseDirective();

  // After `Dataflow ... {`: directives up to and including the closing `}`.
  absl::Status ParseDirectiveList(Dataflow& df, absl::string_view context);

  // A value in Dimensions or Stride: an INT or a constant name.
  absl::StatusOr<int64_t> ParseValue(absl::string_view context);

  // Fails when the number at the cursor is written negative (`-16`), which
  // MAESTRO would read as 16.
  absl::Status CheckNotNegative(absl::string_view context) const;

 private:
  absl::StatusOr<Expr> ParseSum(int depth);
  absl::StatusOr<Expr> ParseProduct(int depth);
  absl::StatusOr<Expr> ParseAtom(int depth);
  absl::StatusOr<Dim> ParseDimWord(absl::string_view context);

  const std::vector<Token>& toks_;
  absl::string_view text_;
  std::string file_;
  size_t pos_ = 0;
  int expr_nodes_ = 0;
  std::map<std::string, int64_t> constants_;
};

// True for words that name something in the language (dims, keywords), which
// cannot be Constant names.
bool IsReservedWord(absl::string_view w);

}  // namespace maestro::dsl

#endif  // MAESTRO_ONNX_CORE_DSL_CURSOR_H_
