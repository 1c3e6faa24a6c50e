// Reads MAESTRO `.m` mapping files (the language of spec/mapping-language.md
// plus our extensions, see docs/mapping-language.md).
//
// Example:
//   absl::StatusOr<MappingFile> f = ParseMappingFile(text, "net.m");
//   if (!f.ok()) std::cerr << f.status().message();  // net.m:3:5: error: ...
//   absl::StatusOr<MappingFile> m =
//       LoadMappingFile("Resnet50_model.m", {.allow_missing_dataflow = true});
//
// Every error is `file:line:col: error: <what was found>; expected <what is
// valid>`. Parsing checks the syntax and each layer's dimensions; whether a
// dataflow fits a layer on some hardware is ResolveDataflow's job
// (core/mapping.h).
#ifndef MAESTRO_ONNX_CORE_DSL_PARSER_H_
#define MAESTRO_ONNX_CORE_DSL_PARSER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/dsl/mapping_file.h"

namespace maestro {

struct ParseOptions {
  // Accept layers without any Dataflow block before them (MAESTRO "model"
  // files such as Resnet50_model.m, to be combined with a dataflow later).
  // Such layers get an empty Dataflow. Otherwise the first layer must have
  // a Dataflow block.
  bool allow_missing_dataflow = false;
};

// Every error of the file, not only the first: the parser records each
// and recovers at the next layer item, layer or statement (at most 20,
// then a line saying it stopped). `layer_ok[i]` is false for a layer with
// an error of its own (kept so that later layers inherit its dataflow).
struct MappingFileParse {
  MappingFile file;
  std::vector<bool> layer_ok;
  std::vector<std::string> errors;  // "file:line:col: error: ..."
};
MappingFileParse ParseMappingFileAll(absl::string_view text,
                                     absl::string_view filename,
                                     const ParseOptions& options = {});

// The file, or all its errors, one per line of the message.
absl::StatusOr<MappingFile> ParseMappingFile(absl::string_view text,
                                             absl::string_view filename,
                                             const ParseOptions& options = {});

// Reads `path` and parses it; locations name `path`.
absl::StatusOr<MappingFile> LoadMappingFile(const std::string& path,
                                            const ParseOptions& options = {});

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_DSL_PARSER_H_
