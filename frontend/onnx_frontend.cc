#include "frontend/onnx_frontend.h"

#include <chrono>
#include <exception>
#include <filesystem>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/user_file.h"
#include "frontend/graph_walker.h"
#include "frontend/model_reader.h"
#include "frontend/onnx_inference.h"

namespace maestro::frontend {

namespace {

using Clock = std::chrono::steady_clock;

// The inputs a user could pin to make `unresolved` layers known.
std::string PinHint(const GraphWalker& w) {
  std::string hint;
  for (const auto& [name, v] : w.activation_inputs()) {
    if (v.value) continue;
    if (v.rank_known && v.dims.empty()) {
      absl::StrAppend(&hint, hint.empty() ? "" : "; ", "pin scalar input '",
                      name, "' with --input-value ", name, "=V");
    } else if (!v.ShapeKnown()) {
      std::string dims;
      for (size_t i = 0; i < v.dims.size(); ++i) {
        absl::StrAppend(&dims, i ? "x" : "",
                        v.dims[i] < 0 ? "D" : absl::StrCat(v.dims[i]));
      }
      absl::StrAppend(&hint, hint.empty() ? "" : "; ",
                      "pin the dynamic dims of input '", name, "' (",
                      ShapeString(v), ") with --input-shape ", name, "=",
                      v.rank_known ? dims : "1x3x224x224",
                      v.rank_known ? " (D: the size to analyse)" : "");
    }
  }
  return hint;
}

absl::StatusOr<ExtractedModel> Extract(const onnx::ModelProto& proto,
                                       const std::string& name,
                                       const FrontendOptions& options) {
  auto opset = ModelOpset(proto, name);
  if (!opset.ok()) return opset.status();
  ExtractedModel model;
  model.file = name;
  model.opset = *opset;
  model.producer = proto.producer_name();
  if (!proto.producer_version().empty()) {
    absl::StrAppend(&model.producer, " ", proto.producer_version());
  }
  if (*opset > 17) {
    model.notes.push_back(absl::StrCat(
        "opset ", *opset,
        " is newer than ONNX 1.12's 17: ops without a frontend shape "
        "function are inferred with their opset-17 schemas"));
  }
  GraphWalker walker(options, *opset, name, &model);
  walker.SetFunctions(proto);
  absl::Status s = walker.WalkMain(proto.graph());
  if (!s.ok()) {
    return absl::Status(s.code(), absl::StrCat(name, ": ", s.message()));
  }
  for (const auto& [in, v] : walker.activation_inputs()) {
    model.inputs[in] = v.dims;
  }
  const auto& unresolved = walker.unresolved();
  if (!unresolved.empty()) {
    const Unresolved& u = unresolved.front();
    const std::string what = absl::StrCat(
        "node '", u.node, "' (", u.op, "): shapes not known (", u.what, ")",
        unresolved.size() > 1
            ? absl::StrCat(", and ", unresolved.size() - 1, " more layers")
            : "");
    const std::string hint = PinHint(walker);
    if (!hint.empty() && options.require_known_shapes) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": ", what, "; ", hint));
    }
    if (hint.empty()) {
      // Every input is known: the shapes depend on data (a detection
      // model's box count after TopK / NonZero / NonMaxSuppression, an op
      // without a shape function). Pinning cannot help; cost the rest and
      // say which layers are left out (they are in the coverage report).
      model.notes.push_back(absl::StrCat(
          unresolved.size(), " MAC layer", unresolved.size() > 1 ? "s" : "",
          " not costed: ", what,
          walker.activation_inputs().empty()
              ? "; the graph has no activation inputs, so the shape comes "
                "from an op upstream whose output shape is not known"
              : "; every graph input is known, so a data-dependent op (or "
                "one without a shape function) upstream hides the shape"));
    }
  }
  return model;
}

}  // namespace

absl::StatusOr<ExtractedModel> ExtractModel(const onnx::ModelProto& model,
                                            const std::string& name,
                                            const FrontendOptions& options) {
  try {
    return Extract(model, name, options);
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": model rejected: ", e.what()));
  } catch (...) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": model rejected by an unexpected exception"));
  }
}

absl::StatusOr<ExtractedModel> LoadOnnxModelFromBytes(
    absl::string_view bytes, const std::string& name,
    const FrontendOptions& options) {
  auto t0 = Clock::now();
  onnx::ModelProto proto;
  int64_t skipped = 0;
  absl::Status s = ParseModelBytes(bytes, name, &proto, &skipped);
  if (!s.ok()) return s;
  double read = std::chrono::duration<double>(Clock::now() - t0).count();
  auto m = ExtractModel(proto, name, options);
  if (m.ok()) {
    m->timings.read = read;
    m->timings.file_bytes = static_cast<int64_t>(bytes.size());
    m->timings.tensor_bytes_skipped = skipped;
  }
  return m;
}

absl::StatusOr<ExtractedModel> LoadOnnxModel(const std::string& path,
                                             const FrontendOptions& options) {
  auto t0 = Clock::now();
  onnx::ModelProto proto;
  int64_t skipped = 0;
  absl::Status s = ReadModelFile(path, &proto, &skipped);
  if (!s.ok()) return s;
  double read = std::chrono::duration<double>(Clock::now() - t0).count();
  auto m = ExtractModel(proto, path, options);
  if (m.ok()) {
    m->timings.read = read;
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    m->timings.file_bytes = ec ? 0 : static_cast<int64_t>(size);
    m->timings.tensor_bytes_skipped = skipped;
  }
  return m;
}

absl::StatusOr<std::vector<int64_t>> ParseShapeText(absl::string_view text) {
  std::vector<int64_t> dims;
  if (text.empty()) return dims;  // a scalar
  for (absl::string_view part : absl::StrSplit(text, absl::ByAnyChar("x,"))) {
    constexpr int64_t kMaxDim = int64_t{1} << 40;
    const bool digits =
        !part.empty() && part.find_first_not_of("0123456789") == part.npos;
    int64_t d = 0;
    if (!digits || !absl::SimpleAtoi(part, &d) || d > kMaxDim) {
      const std::string why =
          digits ? absl::StrCat("' is over 2^40 (", kMaxDim,
                                "); expected sizes from 0 to 2^40")
                 : "' is not a dimension; expected sizes like 1x3x224x224";
      return absl::InvalidArgumentError(
          absl::StrCat("shape '", PrintableExcerpt(text), "': '",
                       PrintableExcerpt(part), why));
    }
    dims.push_back(d);
  }
  return dims;
}

}  // namespace maestro::frontend
