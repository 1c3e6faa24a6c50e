#include "core/dsl/cursor.h"

#include "absl/strings/str_cat.h"
#include "core/user_file.h"

namespace maestro::dsl {
namespace {

constexpr int kMaxExprDepth = 32;
constexpr int kMaxExprNodes = 256;
constexpr absl::string_view kDimList =
    "a dimension (N, G, K, C, R, S, Y, X, M, Y' or X')";
constexpr absl::string_view kAtomList =
    "a number, a Constant name, Sz(D), Stride(D), min(a,b), max(a,b) or '('";

bool IsSeparator(const Token& t) {
  if (t.kind != TokenKind::kPunct) return false;
  char c = t.text[0];
  return c == ',' || c == '-' || c == '>' || c == ':' || c == ';';
}

}  // namespace

bool IsReservedWord(absl::string_view w) {
  static constexpr absl::string_view kWords[] = {
      "Constant",    "Network",  "Layer",       "Type",       "Stride",
      "Dimensions",  "Dataflow", "TemporalMap", "SpatialMap", "Cluster",
      "Sz",          "min",      "max",         "P",          "L",
      "Description", "Aliases"};
  for (absl::string_view k : kWords) {
    if (w == k) return true;
  }
  return ParseDim(w).has_value();
}

void Cursor::SkipSeparators() {
  while (IsSeparator(Peek())) Next();
}

absl::Status Cursor::Expect(char c, absl::string_view context) {
  if (Peek().IsPunct(c)) {
    Next();
    return absl::OkStatus();
  }
  return Fail(Peek(), context, absl::StrCat("'", std::string(1, c), "'"));
}

absl::Status Cursor::Fail(const Token& t, absl::string_view context,
                          absl::string_view expected) const {
  return FailMsg(
      t, absl::StrCat("found ", Describe(t), context, "; expected ", expected));
}

absl::Status Cursor::FailMsg(const Token& t, absl::string_view msg) const {
  return absl::InvalidArgumentError(
      absl::StrCat(file_, ":", t.line, ":", t.column, ": error: ", msg));
}

SourceLocation Cursor::Loc(const Token& t) const {
  SourceLocation l;
  l.file = file_;
  l.line = t.line;
  l.column = t.column;
  return l;
}

std::string Cursor::TextFrom(size_t first_index) const {
  // Tokens as written; adjacent ones glued (Conv2d-3), others joined by one
  // space, so comments and line breaks inside a name disappear.
  std::string out;
  for (size_t i = first_index; i < pos_ && i < toks_.size(); ++i) {
    const Token& t = toks_[i];
    if (t.end_offset > text_.size() || t.end_offset < t.offset) break;
    if (i > first_index && toks_[i - 1].end_offset != t.offset) out += ' ';
    out += std::string(text_.substr(t.offset, t.end_offset - t.offset));
  }
  return out;
}

absl::Status Cursor::CheckNotNegative(absl::string_view context) const {
  // MAESTRO reads '-' as a separator, so `K: -16` would silently be 16. A
  // '-' glued to the number and not to a word before it is a minus sign.
  if (pos_ == 0 || pos_ >= toks_.size()) return absl::OkStatus();
  const Token& minus = toks_[pos_ - 1];
  const Token& t = toks_[pos_];
  if (!minus.IsPunct('-') || minus.end_offset != t.offset) {
    return absl::OkStatus();
  }
  if (pos_ >= 2 && toks_[pos_ - 2].end_offset == minus.offset &&
      toks_[pos_ - 2].kind != TokenKind::kPunct) {
    return absl::OkStatus();  // `Conv-3`: a separator inside a name
  }
  return FailMsg(minus, absl::StrCat("found -", PrintableExcerpt(t.text),
                                     context, "; expected a number >= 0"));
}

absl::StatusOr<int64_t> Cursor::ParseValue(absl::string_view context) {
  const Token& t = Peek();
  if (t.kind == TokenKind::kNumber) {
    absl::Status st = CheckNotNegative(context);
    if (!st.ok()) return st;
    Next();
    return t.value;
  }
  if (t.kind == TokenKind::kWord) {
    auto it = constants_.find(t.text);
    if (it != constants_.end()) {
      Next();
      return it->second;
    }
  }
  return Fail(t, context, "a number or a Constant name");
}

absl::StatusOr<Dim> Cursor::ParseDimWord(absl::string_view context) {
  const Token& t = Peek();
  if (t.kind == TokenKind::kWord) {
    if (std::optional<Dim> d = ParseDim(t.text)) {
      Next();
      return *d;
    }
  }
  return Fail(t, context, kDimList);
}

absl::StatusOr<Expr> Cursor::ParseExpr() {
  expr_nodes_ = 0;
  return ParseSum(0);
}

absl::StatusOr<Expr> Cursor::ParseSum(int depth) {
  absl::StatusOr<Expr> left = ParseProduct(depth);
  if (!left.ok()) return left;
  while (Peek().IsPunct('+') || Peek().IsPunct('-')) {
    Expr::Op op = Next().text[0] == '+' ? Expr::Op::kAdd : Expr::Op::kSub;
    absl::StatusOr<Expr> right = ParseProduct(depth);
    if (!right.ok()) return right;
    left = Expr::Binary(op, *std::move(left), *std::move(right));
  }
  return left;
}

absl::StatusOr<Expr> Cursor::ParseProduct(int depth) {
  absl::StatusOr<Expr> left = ParseAtom(depth);
  if (!left.ok()) return left;
  while (Peek().IsPunct('*') || Peek().IsPunct('/')) {
    Expr::Op op = Next().text[0] == '*' ? Expr::Op::kMul : Expr::Op::kDiv;
    absl::StatusOr<Expr> right = ParseAtom(depth);
    if (!right.ok()) return right;
    left = Expr::Binary(op, *std::move(left), *std::move(right));
  }
  return left;
}

absl::StatusOr<Expr> Cursor::ParseAtom(int depth) {
  const Token& t = Peek();
  if (depth > kMaxExprDepth) {
    return FailMsg(t,
                   absl::StrCat("expression nested more than ", kMaxExprDepth,
                                " levels deep; expected a simpler one"));
  }
  if (++expr_nodes_ > kMaxExprNodes) {
    return FailMsg(t, absl::StrCat("expression with more than ", kMaxExprNodes,
                                   " terms; expected a simpler one"));
  }
  if (t.kind == TokenKind::kNumber) {
    Next();
    return Expr::Const(t.value);
  }
  if (t.IsPunct('(')) {
    Next();
    absl::StatusOr<Expr> e = ParseSum(depth + 1);
    if (!e.ok()) return e;
    absl::Status st = Expect(')', " in an expression");
    if (!st.ok()) return st;
    return e;
  }
  if (t.kind == TokenKind::kWord) {
    if (t.text == "Sz" || t.text == "Stride") {
      const bool sz = t.text == "Sz";
      Next();
      absl::Status st =
          Expect('(', absl::StrCat(" after ", sz ? "Sz" : "Stride"));
      if (!st.ok()) return st;
      const Token& dt = Peek();
      absl::StatusOr<Dim> d =
          ParseDimWord(sz ? " in Sz(...)" : " in Stride(...)");
      if (!d.ok()) return d.status();
      if (!sz && *d != Dim::kY && *d != Dim::kX) {
        return Fail(dt, " in Stride(...)", "Y or X");
      }
      st = Expect(')', sz ? " after Sz(D" : " after Stride(D");
      if (!st.ok()) return st;
      return sz ? Expr::Sz(*d) : Expr::Stride(*d);
    }
    if (t.text == "min" || t.text == "max") {
      Expr::Op op = t.text == "min" ? Expr::Op::kMin : Expr::Op::kMax;
      std::string name = t.text;
      Next();
      absl::Status st = Expect('(', absl::StrCat(" after ", name));
      if (!st.ok()) return st;
      absl::StatusOr<Expr> a = ParseSum(depth + 1);
      if (!a.ok()) return a;
      st = Expect(',', absl::StrCat(" in ", name, "(a,b)"));
      if (!st.ok()) return st;
      absl::StatusOr<Expr> b = ParseSum(depth + 1);
      if (!b.ok()) return b;
      st = Expect(')', absl::StrCat(" in ", name, "(a,b)"));
      if (!st.ok()) return st;
      return Expr::Binary(op, *std::move(a), *std::move(b));
    }
    auto it = constants_.find(t.text);
    if (it != constants_.end()) {
      Next();
      return Expr::Const(it->second);
    }
    return Fail(t, " (not a Constant defined above)", kAtomList);
  }
  return Fail(t, " in an expression", kAtomList);
}

absl::StatusOr<Directive> Cursor::ParseDirective() {
  const Token& kw = Peek();
  Directive d;
  if (kw.IsWord("TemporalMap")) {
    d.kind = DirectiveKind::kTemporalMap;
  } else if (kw.IsWord("SpatialMap")) {
    d.kind = DirectiveKind::kSpatialMap;
  } else if (kw.IsWord("Cluster")) {
    d.kind = DirectiveKind::kCluster;
  } else {
    return Fail(kw, " in a Dataflow block",
                "TemporalMap, SpatialMap, Cluster or '}'");
  }
  d.loc = Loc(kw);
  Next();
  // MAESTRO treats the parentheses as separators; we read them as the
  // argument list when present.
  const bool paren = Peek().IsPunct('(');
  if (paren) Next();
  const std::string ctx = absl::StrCat(" in ", kw.text, "(...)");
  const Token& size_tok = Peek();
  absl::StatusOr<Expr> size = ParseExpr();
  if (!size.ok()) return size.status();
  d.size = *std::move(size);
  if (d.size.op == Expr::Op::kConst && d.size.value < 1) {
    return FailMsg(size_tok, absl::StrCat(kw.text, " size ", d.size.value,
                                          "; expected a size >= 1"));
  }
  if (Peek().IsPunct(',')) Next();
  if (d.kind == DirectiveKind::kCluster) {
    const Token& ty = Peek();
    if (ty.IsWord("P") || ty.IsWord("L")) {
      d.logical = ty.text == "L";
      Next();
    } else {
      return Fail(ty, " as the cluster type",
                  "P (physical) or L (logical), as in Cluster(8,P)");
    }
    d.offset = Expr::Const(0);
    if (paren) {
      absl::Status st = Expect(')', " after Cluster(size,type");
      if (!st.ok()) return st;
    }
    return d;
  }
  const Token& offset_tok = Peek();
  absl::StatusOr<Expr> offset = ParseExpr();
  if (!offset.ok()) return offset.status();
  d.offset = *std::move(offset);
  if (d.offset.op == Expr::Op::kConst && d.offset.value < 1) {
    return FailMsg(offset_tok, absl::StrCat(kw.text, " offset ", d.offset.value,
                                            "; expected an offset >= 1"));
  }
  if (paren) {
    absl::Status st =
        Expect(')', absl::StrCat(" after ", kw.text, "(size,offset"));
    if (!st.ok()) return st;
  }
  absl::StatusOr<Dim> dim =
      ParseDimWord(absl::StrCat(" after ", kw.text, "(size,offset)"));
  if (!dim.ok()) return dim.status();
  d.dim = *dim;
  return d;
}

absl::Status Cursor::ParseDirectiveList(Dataflow& df,
                                        absl::string_view context) {
  constexpr size_t kMaxDirectives = 4096;
  while (true) {
    SkipSeparators();
    const Token& t = Peek();
    if (t.IsPunct('}')) {
      Next();
      return absl::OkStatus();
    }
    if (t.kind == TokenKind::kEnd) {
      return Fail(t, context, "'}' closing the Dataflow block");
    }
    if (df.directives.size() >= kMaxDirectives) {
      return FailMsg(t, absl::StrCat("more than ", kMaxDirectives,
                                     " directives in one Dataflow block; ",
                                     "expected fewer"));
    }
    absl::StatusOr<Directive> d = ParseDirective();
    if (!d.ok()) return d.status();
    df.directives.push_back(*std::move(d));
  }
}

}  // namespace maestro::dsl
