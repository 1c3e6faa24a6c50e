#include "mappings/library.h"

#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/dsl/parser.h"
#include "core/user_file.h"
#include "mappings/embedded.h"

namespace maestro {

absl::StatusOr<const DataflowLibrary*> DataflowLibrary::Builtin() {
  static const absl::StatusOr<DataflowLibrary>* lib = [] {
    DataflowLibrary l;
    for (const EmbeddedFile& f : EmbeddedMappingFiles()) {
      absl::StatusOr<DataflowLibraryFile> parsed = ParseDataflowLibraryFile(
          f.text, absl::StrCat("mappings/", f.name, ".m"));
      if (!parsed.ok()) {
        return new absl::StatusOr<DataflowLibrary>(parsed.status());
      }
      l.entries_.push_back(*std::move(parsed));
    }
    return new absl::StatusOr<DataflowLibrary>(std::move(l));
  }();
  if (!lib->ok()) return lib->status();
  return &**lib;
}

const DataflowLibraryFile* DataflowLibrary::Find(absl::string_view name) const {
  for (const DataflowLibraryFile& e : entries_) {
    if (absl::EqualsIgnoreCase(e.name, name)) return &e;
  }
  for (const DataflowLibraryFile& e : entries_) {
    for (const std::string& a : e.aliases) {
      if (absl::EqualsIgnoreCase(a, name)) return &e;
    }
  }
  return nullptr;
}

absl::StatusOr<std::vector<DataflowLibraryFile>> DataflowLibrary::Select(
    absl::string_view spec) const {
  std::vector<DataflowLibraryFile> out;
  std::set<std::string> seen;
  auto add = [&](const DataflowLibraryFile& f) {
    if (seen.insert(f.name).second) out.push_back(f);
  };
  for (absl::string_view item : absl::StrSplit(spec, ',', absl::SkipEmpty())) {
    item = absl::StripAsciiWhitespace(item);
    if (absl::EqualsIgnoreCase(item, "all")) {
      for (const DataflowLibraryFile& e : entries_) add(e);
      continue;
    }
    if (const DataflowLibraryFile* e = Find(item)) {
      add(*e);
      continue;
    }
    if (absl::EndsWith(item, ".m") || absl::StrContains(item, '/')) {
      absl::StatusOr<DataflowLibraryFile> f =
          LoadUserDataflowFile(std::string(item));
      if (!f.ok()) return f.status();
      add(*f);
      continue;
    }
    std::vector<std::string> names;
    for (const DataflowLibraryFile& e : entries_) names.push_back(e.name);
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown dataflow '", PrintableExcerpt(item), "'; expected one of ",
        absl::StrJoin(names, ", "),
        ", an alias (see `maestro-onnx dataflows`), `all`, or a path to a "
        ".m dataflow file"));
  }
  if (out.empty()) {
    return absl::InvalidArgumentError(
        "no dataflow given; expected e.g. --dataflow=nvdla");
  }
  return out;
}

absl::StatusOr<DataflowLibraryFile> LoadUserDataflowFile(
    const std::string& path) {
  absl::StatusOr<std::string> read =
      ReadUserFile(path, {"dataflow file", "a readable .m dataflow file",
                          kMaxTextFileBytes, /*error_tag=*/false});
  if (!read.ok()) return read.status();
  std::string text = *std::move(read);
  absl::StatusOr<DataflowLibraryFile> lib =
      ParseDataflowLibraryFile(text, path);
  if (lib.ok()) return lib;
  // A MAESTRO template: one bare `Dataflow { ... }` block. Wrap it in a
  // one-layer network so the mapping parser reads it, and let it serve
  // every layer type.
  std::string wrapped = absl::StrCat(
      "Network T { Layer L { Type: CONV Dimensions { K: 1, C: 1, R: 1, S: 1, "
      "Y: 1, X: 1 }\n",
      text, "\n} }");
  absl::StatusOr<MappingFile> m = ParseMappingFile(wrapped, path);
  if (!m.ok() || m->layers.size() != 1 ||
      m->layers[0].dataflow.directives.empty()) {
    return lib.status();  // the library-format error is the useful one
  }
  DataflowLibraryFile f;
  f.name = std::string(path);
  f.description = "user dataflow file (one directive list for every layer)";
  Dataflow df = m->layers[0].dataflow;
  df.name = f.name;
  f.dataflows["CONV"] = df;
  return f;
}

absl::StatusOr<const Dataflow*> DataflowForLayer(const DataflowLibraryFile& df,
                                                 const Layer& layer,
                                                 LayerRole role) {
  std::vector<std::string> keys;
  switch (layer.type) {
    case LayerType::kDsconv:
      keys = {"DSCONV"};
      break;
    case LayerType::kGemm:
      keys = {"GEMM"};
      break;
    case LayerType::kTrconv:
      keys = {"TRCONV", "CONV"};
      break;
    case LayerType::kNgconv:
      keys = {"NGCONV", "CONV"};
      break;
    case LayerType::kConv:
      if (role == LayerRole::kFullyConnected)
        keys = {"FC", "CONV"};
      else
        keys = {"CONV"};
      break;
  }
  for (const std::string& k : keys) {
    if (const Dataflow* d = df.Find(k)) return d;
  }
  // A single-block user file serves every type.
  if (df.dataflows.size() == 1) return &df.dataflows.begin()->second;
  return absl::InvalidArgumentError(absl::StrCat(
      "dataflow '", df.name, "' has no directive list for layer '", layer.name,
      "' (", LayerTypeName(layer.type), "); expected a `Dataflow ",
      absl::StrJoin(keys, " or "), " { ... }` block"));
}

}  // namespace maestro
