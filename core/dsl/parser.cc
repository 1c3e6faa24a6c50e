#include "core/dsl/parser.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/dsl/cursor.h"
#include "core/dsl/lexer.h"
#include "core/user_file.h"

namespace maestro {
namespace {

using dsl::Cursor;
using dsl::Token;
using dsl::TokenKind;

constexpr size_t kMaxLayers = 100000;
// Errors reported by one parse before it stops.
constexpr size_t kMaxParseErrors = 20;
// Names are echoed in messages and tables: a real one is under 200 bytes.
constexpr size_t kMaxNameBytes = 1024;
// Bounds memory: inherited dataflows are copied per layer.
constexpr size_t kMaxTotalDirectives = size_t{1} << 20;
constexpr int64_t kMaxLayerVolume = int64_t{1} << 56;

// The dims a layer type may list in Dimensions. DSCONV accepts K (MAESTRO's
// files write K: 1 there); Y'/X' stand for Y/X in conv-like layers.
bool DimAllowed(LayerType t, Dim d) {
  if (t == LayerType::kGemm)
    return d == Dim::kM || d == Dim::kN || d == Dim::kK;
  if (d == Dim::kM) return false;
  if (d == Dim::kG) return t == LayerType::kNgconv;
  return true;
}

std::string AllowedDims(LayerType t) {
  switch (t) {
    case LayerType::kGemm:
      return "M, N, K";
    case LayerType::kNgconv:
      return "N, G, K, C, R, S, Y, X, Y', X'";
    default:
      return "N, K, C, R, S, Y, X, Y', X'";
  }
}

struct DimEntry {
  Dim dim;
  int64_t value;
  Token token;
};

bool IsLayerItem(const Token& t) {
  return t.IsWord("Type") || t.IsWord("Stride") || t.IsWord("Dimensions") ||
         t.IsWord("Dataflow");
}

// Parses the whole file, recording each error and recovering at the next
// statement or block (the next layer item, layer, constant or the end of
// the enclosing block), so that one run reports every error it can find,
// up to kMaxParseErrors.
class MappingParser {
 public:
  MappingParser(Cursor& c, const ParseOptions& opts) : c_(c), opts_(opts) {}

  MappingFileParse Parse() {
    MappingFileParse out;
    bool have_network = false;
    while (!Full()) {
      c_.SkipSeparators();
      const Token& t = c_.Peek();
      if (t.kind == TokenKind::kEnd) break;
      const size_t start = c_.index();
      absl::Status st;
      if (t.IsWord("Constant")) {
        st = ParseConstant();
      } else if (t.IsWord("Network") && !have_network) {
        have_network = true;
        if (!ParseNetwork(out)) break;  // a broken header: nothing to recover
        continue;
      } else if (have_network) {
        st = c_.Fail(t, " after the Network block", "end of file");
      } else {
        st = c_.Fail(t, "", "'Constant NAME VALUE;' or 'Network NAME {'");
      }
      if (st.ok()) continue;
      Error(st);
      Recover(start, [](const Token& k) {
        return k.IsWord("Constant") || k.IsWord("Network");
      });
    }
    if (!have_network && !Full()) {
      Error(c_.Fail(c_.Peek(), "", "'Network NAME {' with the layers"));
    }
    if (Full()) {
      errors_.push_back(absl::StrCat("(stopped after ", kMaxParseErrors,
                                     " errors; fix these and run again)"));
    }
    out.errors = std::move(errors_);
    return out;
  }

 private:
  bool Full() const { return errors_.size() >= kMaxParseErrors; }
  void Error(const absl::Status& st) {
    if (!Full()) errors_.emplace_back(st.message());
  }

  // From token `from` (consumed, so that recovery always advances) to the
  // next token at brace depth 0 that `stop` accepts, or the end.
  template <typename Stop>
  void Recover(size_t from, const Stop& stop) {
    c_.Seek(from);
    c_.Next();
    int depth = 0;
    while (!c_.AtEnd()) {
      const Token& t = c_.Peek();
      if (depth == 0 && stop(t)) return;
      if (t.IsPunct('{')) ++depth;
      if (t.IsPunct('}') && depth > 0) --depth;
      c_.Next();
    }
  }

  absl::Status ParseConstant() {
    c_.Next();  // Constant
    const Token& name = c_.Peek();
    if (name.kind != TokenKind::kWord || dsl::IsReservedWord(name.text)) {
      return c_.Fail(name, " after Constant",
                     "a constant name that is not a keyword or dimension");
    }
    if (c_.constants().count(name.text)) {
      return c_.Fail(name, " (already defined)", "a new constant name");
    }
    c_.Next();
    c_.SkipSeparators();
    const Token& v = c_.Peek();
    if (v.kind != TokenKind::kNumber) {
      return c_.Fail(v,
                     absl::StrCat(" as the value of Constant ",
                                  PrintableExcerpt(name.text)),
                     "a whole number, as in 'Constant TileK 16;'");
    }
    absl::Status neg = c_.CheckNotNegative(absl::StrCat(
        " as the value of Constant ", PrintableExcerpt(name.text)));
    if (!neg.ok()) return neg;
    c_.Next();
    c_.constants()[name.text] = v.value;
    return absl::OkStatus();
  }

  // False when the Network header is broken (no recovery possible).
  bool ParseNetwork(MappingFileParse& out) {
    c_.Next();  // Network
    size_t first = c_.index();
    while (!c_.Peek().IsPunct('{')) {
      const Token& t = c_.Peek();
      if (t.kind == TokenKind::kEnd || t.IsPunct('}') || t.IsWord("Layer")) {
        Error(c_.Fail(t, " after 'Network'", "a network name and '{'"));
        return false;
      }
      c_.Next();
    }
    out.file.network_name = c_.TextFrom(first);
    if (out.file.network_name.size() > kMaxNameBytes) {
      Error(c_.FailMsg(
          c_.Peek(),
          absl::StrCat("network name of ", out.file.network_name.size(),
                       " bytes; expected at most ", kMaxNameBytes)));
      return false;
    }
    c_.Next();  // {
    while (!Full()) {
      c_.SkipSeparators();
      const Token& t = c_.Peek();
      if (t.IsPunct('}')) {
        c_.Next();
        break;
      }
      const size_t start = c_.index();
      absl::Status st;
      if (t.IsWord("Layer")) {
        if (out.file.layers.size() >= kMaxLayers) {
          Error(c_.FailMsg(t, absl::StrCat("more than ", kMaxLayers,
                                           " layers; expected fewer")));
          return false;
        }
        if (!ParseLayer(out)) return false;
        continue;
      }
      if (t.IsWord("Constant")) {
        st = ParseConstant();
      } else {
        st = c_.Fail(t, " in the Network block", "'Layer NAME {' or '}'");
      }
      if (st.ok()) continue;
      Error(st);
      if (t.kind == TokenKind::kEnd) break;
      Recover(start, [](const Token& k) {
        return k.IsWord("Layer") || k.IsWord("Constant") || k.IsPunct('}');
      });
    }
    if (out.file.layers.empty() && errors_.empty()) {
      Error(c_.FailMsg(c_.Peek(),
                       "the Network block has no layers; expected "
                       "at least one 'Layer NAME { ... }'"));
    }
    return true;
  }

  // What a layer body has seen so far.
  struct LayerState {
    MappedLayer ml;
    std::string ctx;
    std::optional<Token> type_tok, stride_tok, dims_tok;
    std::vector<DimEntry> dims;
    bool have_df = false;
  };

  // One item of a layer body (Type, Stride, Dimensions, Dataflow).
  absl::Status ParseLayerItem(LayerState& s) {
    const Token& t = c_.Peek();
    const std::string& ctx = s.ctx;
    if (t.IsWord("Type")) {
      if (s.type_tok)
        return c_.Fail(t, ctx + " (Type given twice)", "one Type");
      s.type_tok = t;
      c_.Next();
      c_.SkipSeparators();
      const Token& ty = c_.Peek();
      std::optional<LayerType> lt =
          ty.kind == TokenKind::kWord ? ParseLayerType(ty.text) : std::nullopt;
      if (!lt) {
        std::string note;
        if (ty.IsWord("FC") || ty.IsWord("POOL") || ty.IsWord("LSTM")) {
          note = " (a MAESTRO keyword its analysis rejects)";
        }
        return c_.Fail(ty, absl::StrCat(" as the Type", ctx, note),
                       "CONV, DSCONV, GEMM, NGCONV or TRCONV");
      }
      s.ml.layer.type = *lt;
      c_.Next();
      return absl::OkStatus();
    }
    if (t.IsWord("Stride")) {
      if (s.stride_tok)
        return c_.Fail(t, ctx + " (Stride given twice)", "one Stride block");
      s.stride_tok = t;
      return ParseStride(s.ml.layer, ctx);
    }
    if (t.IsWord("Dimensions")) {
      if (s.dims_tok) {
        return c_.Fail(t, ctx + " (Dimensions given twice)",
                       "one Dimensions block");
      }
      s.dims_tok = t;
      return ParseDimensions(s.dims, ctx);
    }
    if (t.IsWord("Dataflow")) return ParseLayerDataflow(s);
    return c_.Fail(t, ctx, "Type, Stride, Dimensions, Dataflow or '}'");
  }

  absl::Status ParseLayerDataflow(LayerState& s) {
    const Token t = c_.Peek();
    if (s.have_df) {
      return c_.Fail(t, s.ctx + " (Dataflow given twice)",
                     "one Dataflow block");
    }
    s.have_df = true;
    s.ml.dataflow.loc = c_.Loc(t);
    s.ml.dataflow.name = s.ml.layer.name;
    c_.Next();
    c_.SkipSeparators();
    absl::Status st = c_.Expect('{', " after 'Dataflow'");
    if (!st.ok()) return st;
    st = c_.ParseDirectiveList(s.ml.dataflow, s.ctx);
    if (!st.ok()) return st;
    if (s.ml.dataflow.directives.empty()) {
      return c_.FailMsg(t, absl::StrCat("empty Dataflow block", s.ctx,
                                        "; expected at least one "
                                        "SpatialMap directive"));
    }
    return absl::OkStatus();
  }

  // `Layer NAME {`: the name, or an error at the token that breaks it.
  absl::StatusOr<std::string> ParseLayerHeader(const Token& layer_tok) {
    size_t first = c_.index();
    while (!c_.Peek().IsPunct('{')) {
      const Token& t = c_.Peek();
      if (t.kind == TokenKind::kEnd || t.IsPunct('}')) {
        return c_.Fail(t, " after 'Layer'", "a layer name and '{'");
      }
      c_.Next();
    }
    std::string name = c_.TextFrom(first);
    if (name.size() > kMaxNameBytes) {
      return c_.FailMsg(
          layer_tok, absl::StrCat("layer name of ", name.size(),
                                  " bytes; expected at most ", kMaxNameBytes));
    }
    if (name.empty()) {
      return c_.Fail(c_.Peek(), " after 'Layer'", "a layer name before '{'");
    }
    c_.Next();  // {
    return name;
  }

  // False when parsing must stop (a limit of the file was exceeded).
  bool ParseLayer(MappingFileParse& out) {
    const size_t layer_start = c_.index();
    const Token layer_tok = c_.Next();  // Layer
    LayerState s;
    s.ml.layer.loc = c_.Loc(layer_tok);
    absl::StatusOr<std::string> name = ParseLayerHeader(layer_tok);
    if (!name.ok()) {
      Error(name.status());
      Recover(layer_start, [](const Token& k) {
        return k.IsWord("Layer") || k.IsPunct('}');
      });
      return true;
    }
    s.ml.layer.name = *name;
    s.ctx = absl::StrCat(" in layer '", s.ml.layer.name, "'");
    const size_t errors_before = errors_.size();
    while (!Full()) {
      c_.SkipSeparators();
      const Token& t = c_.Peek();
      if (t.IsPunct('}')) {
        c_.Next();
        break;
      }
      if (t.kind == TokenKind::kEnd || t.IsWord("Layer")) {
        // The layer's '}' is missing; after an error, the recovery may
        // have run past it.
        if (errors_.size() == errors_before) {
          Error(c_.Fail(t, s.ctx, "'}' closing the layer"));
        }
        break;
      }
      const size_t start = c_.index();
      absl::Status st = ParseLayerItem(s);
      if (st.ok()) continue;
      Error(st);
      Recover(start, [](const Token& k) {
        return IsLayerItem(k) || k.IsPunct('}') || k.IsWord("Layer");
      });
    }
    // A layer with a syntax error is kept (later layers inherit its
    // dataflow) but not checked as a whole: that would repeat the error.
    bool clean = errors_.size() == errors_before;
    if (clean) {
      absl::Status st = CheckLayer(out, layer_tok, s);
      if (!st.ok()) Error(st);
      clean = st.ok();
    }
    return KeepLayer(out, s, clean, layer_tok);
  }

  // The whole-layer checks: Type and Dimensions given and consistent, a
  // dataflow of its own or inherited.
  absl::Status CheckLayer(const MappingFileParse& out, const Token& layer_tok,
                          LayerState& s) {
    MappedLayer& ml = s.ml;
    if (!s.type_tok) {
      return c_.FailMsg(
          layer_tok, absl::StrCat("layer '", ml.layer.name,
                                  "' has no Type; expected 'Type: ",
                                  "CONV' (or DSCONV, GEMM, NGCONV, TRCONV)"));
    }
    if (!s.dims_tok) {
      return c_.FailMsg(
          layer_tok,
          absl::StrCat("layer '", ml.layer.name,
                       "' has no Dimensions block; expected ", "'Dimensions { ",
                       AllowedDims(ml.layer.type), " }'"));
    }
    absl::Status st = ApplyDims(ml.layer, s.dims, *s.dims_tok);
    if (!st.ok()) return st;
    if (s.have_df) return absl::OkStatus();
    const std::vector<MappedLayer>& layers = out.file.layers;
    if (!layers.empty() && !layers.back().dataflow.directives.empty()) {
      ml.dataflow = layers.back().dataflow;
      ml.dataflow_inherited = true;
    } else if (!opts_.allow_missing_dataflow && layers.empty()) {
      return c_.FailMsg(
          layer_tok,
          absl::StrCat("layer '", ml.layer.name, "' has no Dataflow block and ",
                       "no layer before it has one (MAESTRO crashes here); ",
                       "expected 'Dataflow { ... }' in the first layer"));
    }
    return absl::OkStatus();
  }

  bool KeepLayer(MappingFileParse& out, LayerState& s, bool ok,
                 const Token& layer_tok) {
    total_directives_ += s.ml.dataflow.directives.size();
    if (total_directives_ > kMaxTotalDirectives) {
      Error(c_.FailMsg(layer_tok,
                       absl::StrCat("more than ", kMaxTotalDirectives,
                                    " directives in the file (inherited "
                                    "dataflows included); expected fewer")));
      return false;
    }
    out.file.layers.push_back(std::move(s.ml));
    out.layer_ok.push_back(ok);
    return true;
  }

  absl::Status ParseStride(Layer& layer, const std::string& ctx) {
    c_.Next();  // Stride
    c_.SkipSeparators();
    absl::Status st = c_.Expect('{', " after 'Stride'");
    if (!st.ok()) return st;
    while (true) {
      c_.SkipSeparators();
      const Token& k = c_.Peek();
      if (k.IsPunct('}')) {
        c_.Next();
        return absl::OkStatus();
      }
      if (!k.IsWord("X") && !k.IsWord("Y")) {
        return c_.Fail(k, " in the Stride block" + ctx, "X, Y or '}'");
      }
      c_.Next();
      c_.SkipSeparators();
      const Token& vt = c_.Peek();
      absl::StatusOr<int64_t> v =
          c_.ParseValue(absl::StrCat(" as the stride along ", k.text, ctx));
      if (!v.ok()) return v.status();
      if (*v < 1) {
        return c_.Fail(vt, absl::StrCat(" as the stride along ", k.text, ctx),
                       "a stride >= 1");
      }
      (k.text == "X" ? layer.stride_x : layer.stride_y) = *v;
    }
  }

  absl::Status ParseDimensions(std::vector<DimEntry>& dims,
                               const std::string& ctx) {
    c_.Next();  // Dimensions
    c_.SkipSeparators();
    absl::Status st = c_.Expect('{', " after 'Dimensions'");
    if (!st.ok()) return st;
    while (true) {
      c_.SkipSeparators();
      const Token& k = c_.Peek();
      if (k.IsPunct('}')) {
        c_.Next();
        return absl::OkStatus();
      }
      std::optional<Dim> d =
          k.kind == TokenKind::kWord ? ParseDim(k.text) : std::nullopt;
      if (!d) {
        return c_.Fail(
            k, " in the Dimensions block" + ctx,
            "a dimension (N, G, K, C, R, S, Y, X, M, Y', X') or '}'");
      }
      Token key = k;
      c_.Next();
      c_.SkipSeparators();
      const Token& vt = c_.Peek();
      absl::StatusOr<int64_t> v =
          c_.ParseValue(absl::StrCat(" as the size of ", k.text, ctx));
      if (!v.ok()) return v.status();
      if (*v < 1) {
        return c_.Fail(vt, absl::StrCat(" as the size of ", key.text, ctx),
                       "a size >= 1");
      }
      // MAESTRO's files repeat a dim now and then (UNet_RS.m: N: 1, N: 1);
      // the same value again is harmless, a different one is an error.
      bool repeated = false;
      for (const DimEntry& e : dims) {
        if (e.dim != *d) continue;
        if (e.value != *v) {
          return c_.FailMsg(
              key,
              absl::StrCat("found ", key.text, " ", *v, ctx,
                           ", already given as ", e.value, " at line ",
                           e.token.line, "; expected each dimension once"));
        }
        repeated = true;
      }
      if (!repeated) dims.push_back({*d, *v, key});
    }
  }

  absl::Status ApplyDims(Layer& layer, const std::vector<DimEntry>& dims,
                         const Token& dims_tok) {
    const Token* yo = nullptr;
    const Token* xo = nullptr;
    int64_t yo_v = 0, xo_v = 0;
    for (const DimEntry& e : dims) {
      if (!DimAllowed(layer.type, e.dim)) {
        return c_.FailMsg(
            e.token,
            absl::StrCat("found dimension ", DimName(e.dim), " in ",
                         LayerTypeName(layer.type), " layer '", layer.name,
                         "'; expected one of ", AllowedDims(layer.type)));
      }
      if (e.dim == Dim::kYo) {
        yo = &e.token;
        yo_v = e.value;
      } else if (e.dim == Dim::kXo) {
        xo = &e.token;
        xo_v = e.value;
      } else {
        layer.Set(e.dim, e.value);
      }
    }
    // Output extents given: the input is (Y'-1)*stride + R (MAESTRO uses
    // Y' + R - 1, the same for stride 1); see docs/mapping-language.md.
    struct Out {
      const Token* tok;
      int64_t v;
      Dim in, filter;
      int64_t stride;
    };
    for (const Out& o : {Out{yo, yo_v, Dim::kY, Dim::kR, layer.stride_y},
                         Out{xo, xo_v, Dim::kX, Dim::kS, layer.stride_x}}) {
      if (!o.tok) continue;
      if (!layer.Has(o.filter)) {
        return c_.FailMsg(
            *o.tok,
            absl::StrCat("layer '", layer.name, "' gives ", o.tok->text,
                         " but no ", DimName(o.filter), "; expected ",
                         DimName(o.filter), " to derive ", DimName(o.in)));
      }
      int64_t in = 0;
      if (__builtin_mul_overflow(o.v - 1, o.stride, &in) ||
          __builtin_add_overflow(in, layer.Get(o.filter), &in) ||
          in > dsl::kMaxLiteral) {
        return c_.FailMsg(
            *o.tok,
            absl::StrCat("layer '", layer.name, "': ", o.tok->text, " ", o.v,
                         " needs an input larger than ", dsl::kMaxLiteral,
                         "; expected a smaller size"));
      }
      if (layer.Has(o.in)) {
        const int64_t out =
            (layer.Get(o.in) - layer.Get(o.filter)) / o.stride + 1;
        if (out != o.v) {
          return c_.FailMsg(
              *o.tok, absl::StrCat(
                          "layer '", layer.name, "' gives ", o.tok->text, " ",
                          o.v, " but ", DimName(o.in), " ", layer.Get(o.in),
                          " gives ", out, " outputs; expected ", DimName(o.in),
                          " or ", o.tok->text, " alone, or consistent values"));
        }
        continue;
      }
      layer.Set(o.in, in);
    }
    // Bound the layer's volume so that no count derived from it (MACs,
    // tensor sizes, cycles) can overflow 64 bits downstream.
    int64_t volume = 1;
    for (Dim d : kAllDims) {
      if (!layer.Has(d)) continue;
      if (__builtin_mul_overflow(volume, layer.Get(d), &volume) ||
          volume > kMaxLayerVolume) {
        return c_.FailMsg(
            dims_tok, absl::StrCat("layer '", layer.name, "' has dimensions ",
                                   "whose product exceeds 2^56; expected a ",
                                   "smaller layer"));
      }
    }
    Layer copy = layer;
    copy.loc = SourceLocation();
    absl::Status st = ValidateLayer(copy);
    if (!st.ok()) return c_.FailMsg(dims_tok, st.message());
    return absl::OkStatus();
  }

  Cursor& c_;
  const ParseOptions& opts_;
  size_t total_directives_ = 0;
  std::vector<std::string> errors_;
};

}  // namespace

MappingFileParse ParseMappingFileAll(absl::string_view text,
                                     absl::string_view filename,
                                     const ParseOptions& options) {
  absl::StatusOr<std::vector<Token>> toks = dsl::Lex(text, filename);
  if (!toks.ok()) {
    MappingFileParse out;
    out.errors.emplace_back(toks.status().message());
    return out;
  }
  Cursor c(*toks, text, filename);
  MappingParser p(c, options);
  return p.Parse();
}

absl::StatusOr<MappingFile> ParseMappingFile(absl::string_view text,
                                             absl::string_view filename,
                                             const ParseOptions& options) {
  MappingFileParse p = ParseMappingFileAll(text, filename, options);
  if (!p.errors.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(p.errors, "\n"));
  }
  return std::move(p.file);
}

absl::StatusOr<MappingFile> LoadMappingFile(const std::string& path,
                                            const ParseOptions& options) {
  absl::StatusOr<std::string> text =
      ReadUserFile(path, {"mapping file", "a readable .m file"});
  if (!text.ok()) return text.status();
  return ParseMappingFile(*text, path, options);
}

}  // namespace maestro
