// maestro-onnx parse FILE.m [--hw FILE|PRESET] [--check] [--model]
// Prints what was understood of a MAESTRO mapping file (network, each
// layer's type, dims, strides and its dataflow resolved into cluster
// levels on the hardware) or of a dataflow library file, or the errors
// (exit 2), each as `file:line:col: error: ...`.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/dsl/dataflow_library.h"
#include "core/dsl/lexer.h"
#include "core/dsl/parser.h"
#include "core/mapping.h"
#include "core/user_file.h"
#include "tools/command_registry.h"
#include "tools/hardware_options.h"

namespace maestro::tools {
namespace {

// Errors shown, of the syntax and of the layers together.
constexpr int kMaxErrorsShown = 20;

struct ParseCmdOptions {
  std::string file;
  bool check = false;
  bool model = false;
  HardwareOptions hw;
};

std::string Dims(const Layer& l) {
  std::string s;
  for (Dim d : kAllDims) {
    if (d == Dim::kYo || d == Dim::kXo || !l.Has(d)) continue;
    absl::StrAppend(&s, s.empty() ? "" : " ", DimName(d), "=", l.Get(d));
  }
  if (l.IsConvLike()) {
    absl::StrAppend(&s, " -> Y'=", l.OutY(), " X'=", l.OutX(),
                    ", stride Y=", l.stride_y, " X=", l.stride_x);
  }
  return s;
}

// "line:col" of a location in the file being printed.
std::string LineCol(const SourceLocation& loc) {
  return absl::StrCat(loc.line, ":", loc.column);
}

void PrintLevels(const Dataflow& df, const ResolvedMapping& m) {
  // Directives in order; Cluster directives open the next level.
  size_t level = 0, in_level = 0;
  std::cout << "  level 0: " << m.levels[0].num_units << " units\n";
  for (const Directive& d : df.directives) {
    if (d.kind == DirectiveKind::kCluster) {
      ++level;
      in_level = 0;
      std::cout << "  " << d.ToString() << "  [" << LineCol(d.loc) << "]\n";
      std::cout << "  level " << level << ": " << m.levels[level].num_units
                << " units\n";
      continue;
    }
    const Map& map = m.levels[level].maps[in_level++];
    std::string text = d.ToString();
    std::string value = absl::StrCat(DirectiveKindName(map.kind), "(", map.size,
                                     ",", map.offset, ") ", DimName(map.dim));
    std::cout << absl::StrFormat("    %-34s", text);
    if (value != text) std::cout << " = " << value;
    std::cout << "  [" << LineCol(d.loc) << "]\n";
  }
  for (const std::string& w : m.warnings) std::cout << "  " << w << "\n";
}

int RunLibrary(const ParseCmdOptions& o, const std::string& text) {
  absl::StatusOr<DataflowLibraryFile> f =
      ParseDataflowLibraryFile(text, o.file);
  if (!f.ok()) {
    std::cerr << f.status().message() << "\n";
    return kExitUserError;
  }
  std::cout << "dataflow " << f->name << ": " << f->description << "\n";
  if (!f->aliases.empty()) {
    std::cout << "aliases:";
    for (const std::string& a : f->aliases) std::cout << " " << a;
    std::cout << "\n";
  }
  if (o.check) return kExitOk;
  // Blocks in file order, each with the types it serves.
  std::map<int, std::pair<std::string, const Dataflow*>> blocks;
  for (const auto& [type, df] : f->dataflows) {
    auto& b = blocks[df.loc.line];
    b.first += b.first.empty() ? type : " " + type;
    b.second = &df;
  }
  for (const auto& [line, block] : blocks) {
    const Dataflow& df = *block.second;
    std::cout << block.first << " [" << LineCol(df.loc) << "]:\n";
    for (const Directive& d : df.directives) {
      std::cout << "  " << d.ToString() << "  [" << LineCol(d.loc) << "]\n";
    }
  }
  return kExitOk;
}

bool LooksLikeLibrary(const std::string& text) {
  absl::StatusOr<std::vector<dsl::Token>> toks = dsl::Lex(text, "");
  if (!toks.ok()) return false;
  const dsl::Token& t = toks->front();
  if (t.IsWord("Description") || t.IsWord("Aliases")) return true;
  // `Dataflow CONV {` at the top level.
  return t.IsWord("Dataflow") && toks->size() > 1 &&
         IsDataflowTypeKey((*toks)[1].text);
}

int RunParse(const ParseCmdOptions& o) {
  absl::StatusOr<std::string> read =
      ReadUserFile(o.file, {"file", "a readable .m file"});
  if (!read.ok()) {
    std::cerr << read.status().message() << "\n";
    return kExitUserError;
  }
  const std::string& text = *read;
  if (LooksLikeLibrary(text)) return RunLibrary(o, text);

  ParseOptions popts;
  popts.allow_missing_dataflow = o.model;
  MappingFileParse parsed = ParseMappingFileAll(text, o.file, popts);
  const MappingFile* f = &parsed.file;
  absl::StatusOr<Hardware> hw = o.hw.Resolve();
  if (!hw.ok()) {
    std::cerr << hw.status().message() << "\n";
    return kExitUserError;
  }
  // The syntax errors first, then what the layers that parsed cleanly say
  // on the hardware: one run reports every error it can find.
  int errors = 0;
  auto report = [&](absl::string_view msg) {
    if (++errors <= kMaxErrorsShown) std::cerr << msg << "\n";
  };
  for (const std::string& e : parsed.errors) report(e);
  const bool syntax_ok = parsed.errors.empty();
  if (!o.check && syntax_ok) {
    std::cout << "network "
              << (f->network_name.empty() ? "(unnamed)" : f->network_name)
              << ": " << f->layers.size() << " layer"
              << (f->layers.size() == 1 ? "" : "s") << "\n";
    std::cout << "hardware " << DescribeHardware(*hw) << "\n";
  }
  int layers_with_errors = 0;
  for (size_t i = 0; i < f->layers.size(); ++i) {
    const MappedLayer& ml = f->layers[i];
    if (!parsed.layer_ok[i]) {
      ++layers_with_errors;
      continue;
    }
    const bool print = !o.check && syntax_ok;
    if (print) {
      std::cout << "\nlayer " << i + 1 << " " << ml.layer.name << " ("
                << LayerTypeName(ml.layer.type) << ") ["
                << LineCol(ml.layer.loc) << "]\n  " << Dims(ml.layer) << "; "
                << AnalyticMacs(ml.layer) << " MACs\n";
    }
    if (ml.dataflow.directives.empty()) {
      if (print) std::cout << "  no dataflow\n";
      continue;
    }
    absl::StatusOr<ResolvedMapping> m =
        ResolveDataflow(ml.dataflow, ml.layer, *hw);
    if (!m.ok()) {
      ++layers_with_errors;
      report(m.status().message());
      continue;
    }
    if (print) {
      if (ml.dataflow_inherited) {
        std::cout << "  dataflow of the layer before ["
                  << LineCol(ml.dataflow.loc) << "]\n";
      }
      PrintLevels(ml.dataflow, *m);
    } else if (syntax_ok) {
      for (const std::string& w : m->warnings) std::cout << w << "\n";
    }
  }
  if (errors > kMaxErrorsShown) {
    std::cerr << "(" << errors - kMaxErrorsShown << " more errors not shown)\n";
  }
  if (errors > 0) {
    std::cerr << errors << (errors == 1 ? " error" : " errors");
    if (!f->layers.empty()) {
      std::cerr << "; " << layers_with_errors << " of " << f->layers.size()
                << " layers have errors";
    }
    std::cerr << "\n";
    return kExitUserError;
  }
  if (o.check) {
    std::cout << o.file << ": ok, " << f->layers.size()
              << (f->layers.size() == 1 ? " layer" : " layers") << " on "
              << hw->name << "\n";
  }
  return kExitOk;
}

CommandRegistrar reg("parse", [](CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "parse",
      "Check a MAESTRO .m mapping file (or a dataflow library file) and "
      "print what was understood, or the errors");
  auto o = std::make_shared<ParseCmdOptions>();
  cmd->add_option("file", o->file, "the .m file")->required();
  cmd->add_flag("--check", o->check, "print only 'ok' or the errors");
  cmd->add_flag("--model", o->model,
                "accept layers without a Dataflow block (MAESTRO model files)");
  AddHardwareOptions(cmd, o->hw);
  return [o]() -> int { return RunParse(*o); };
});

}  // namespace
}  // namespace maestro::tools
