#include "core/dsl/dataflow_library.h"

#include "absl/strings/str_cat.h"
#include "core/dsl/cursor.h"
#include "core/dsl/lexer.h"

namespace maestro {
namespace {

using dsl::Cursor;
using dsl::Token;
using dsl::TokenKind;

constexpr absl::string_view kTypeKeys[] = {"CONV",   "DSCONV", "GEMM",
                                           "NGCONV", "TRCONV", "FC"};
constexpr absl::string_view kTypeKeyList =
    "CONV, DSCONV, GEMM, NGCONV, TRCONV or FC";

std::string Stem(absl::string_view path) {
  size_t slash = path.find_last_of("/\\");
  if (slash != absl::string_view::npos) path = path.substr(slash + 1);
  size_t dot = path.rfind('.');
  if (dot != absl::string_view::npos && dot > 0) path = path.substr(0, dot);
  return std::string(path);
}

bool IsSectionWord(const Token& t) {
  return t.IsWord("Description") || t.IsWord("Aliases") ||
         t.IsWord("Dataflow") || t.IsWord("Constant");
}

}  // namespace

bool IsDataflowTypeKey(absl::string_view key) {
  for (absl::string_view k : kTypeKeys) {
    if (k == key) return true;
  }
  return false;
}

const Dataflow* DataflowLibraryFile::Find(absl::string_view type_key) const {
  auto it = dataflows.find(std::string(type_key));
  return it == dataflows.end() ? nullptr : &it->second;
}

absl::StatusOr<DataflowLibraryFile> ParseDataflowLibraryFile(
    absl::string_view text, absl::string_view filename) {
  absl::StatusOr<std::vector<Token>> toks = dsl::Lex(text, filename);
  if (!toks.ok()) return toks.status();
  Cursor c(*toks, text, filename);
  DataflowLibraryFile out;
  out.name = Stem(filename);
  bool have_description = false, have_aliases = false;
  std::map<std::string, int> key_line;
  while (true) {
    c.SkipSeparators();
    const Token& t = c.Peek();
    if (t.kind == TokenKind::kEnd) break;
    if (t.IsWord("Description")) {
      if (have_description) {
        return c.Fail(t, " (Description given twice)", "one Description");
      }
      have_description = true;
      c.Next();
      c.SkipSeparators();
      const Token& s = c.Peek();
      if (s.kind != TokenKind::kString) {
        return c.Fail(s, " after 'Description:'",
                      "a quoted one-line description, as in "
                      "Description: \"weight stationary\"");
      }
      out.description = s.text;
      c.Next();
      continue;
    }
    if (t.IsWord("Aliases")) {
      if (have_aliases)
        return c.Fail(t, " (Aliases given twice)", "one Aliases line");
      have_aliases = true;
      const int line = t.line;
      c.Next();
      c.SkipSeparators();
      // Names up to the end of the line.
      while (c.Peek().line == line && c.Peek().kind != TokenKind::kEnd) {
        const Token& a = c.Peek();
        if (a.kind != TokenKind::kWord || IsSectionWord(a)) {
          return c.Fail(a, " in Aliases", "dataflow names such as kcp_ws");
        }
        out.aliases.push_back(a.text);
        c.Next();
        c.SkipSeparators();
      }
      if (out.aliases.empty()) {
        return c.Fail(c.Peek(), " after 'Aliases:'",
                      "one or more names on the same line");
      }
      continue;
    }
    if (t.IsWord("Constant")) {
      c.Next();
      const Token& name = c.Peek();
      if (name.kind != TokenKind::kWord || dsl::IsReservedWord(name.text) ||
          c.constants().count(name.text)) {
        return c.Fail(name, " after Constant", "a new constant name");
      }
      c.Next();
      c.SkipSeparators();
      const Token& v = c.Peek();
      if (v.kind != TokenKind::kNumber) {
        return c.Fail(v, " as a Constant value", "a whole number");
      }
      absl::Status neg = c.CheckNotNegative(" as a Constant value");
      if (!neg.ok()) return neg;
      c.constants()[name.text] = v.value;
      c.Next();
      continue;
    }
    if (t.IsWord("Dataflow")) {
      Dataflow df;
      df.name = out.name;
      df.loc = c.Loc(t);
      c.Next();
      std::vector<std::string> keys;
      while (true) {
        c.SkipSeparators();
        const Token& k = c.Peek();
        if (k.IsPunct('{')) break;
        if (k.kind != TokenKind::kWord || !IsDataflowTypeKey(k.text)) {
          return c.Fail(k, " after 'Dataflow'",
                        absl::StrCat(keys.empty() ? "" : "'{' or ",
                                     "a layer type (", kTypeKeyList, ")"));
        }
        auto [it, fresh] = key_line.emplace(k.text, k.line);
        if (!fresh) {
          return c.Fail(k,
                        absl::StrCat(" (already has a Dataflow at line ",
                                     it->second, ")"),
                        "each layer type in one Dataflow block");
        }
        keys.push_back(k.text);
        c.Next();
      }
      if (keys.empty()) {
        return c.Fail(c.Peek(), " after 'Dataflow'",
                      absl::StrCat("the layer types it serves (", kTypeKeyList,
                                   ") before '{'"));
      }
      c.Next();  // {
      absl::Status st = c.ParseDirectiveList(df, " in a Dataflow block");
      if (!st.ok()) return st;
      if (df.directives.empty()) {
        return c.FailMsg(t, "empty Dataflow block; expected directives");
      }
      for (const std::string& k : keys) out.dataflows[k] = df;
      continue;
    }
    return c.Fail(t, "", "Description, Aliases, Constant or Dataflow");
  }
  if (out.dataflows.empty()) {
    return c.Fail(c.Peek(), "",
                  "at least one 'Dataflow TYPE... { ... }' block");
  }
  return out;
}

}  // namespace maestro
