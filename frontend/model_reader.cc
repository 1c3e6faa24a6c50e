#include "frontend/model_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "core/user_file.h"
#include "frontend/tensor_data_skipper.h"
#include "frontend/value_state.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace maestro::frontend {

absl::Status ReadModelFile(const std::string& path, onnx::ModelProto* model,
                           int64_t* skipped_bytes) {
  int64_t file_size = 0;
  absl::StatusOr<int> opened = OpenUserFile(
      path, {"model", "a readable .onnx file", INT64_MAX, /*error_tag=*/false},
      &file_size);
  if (!opened.ok()) return opened.status();
  const int fd = *opened;
  const size_t size = static_cast<size_t>(file_size);
  if (size == 0) {
    ::close(fd);
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": empty file; expected an ONNX model"));
  }
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (data == MAP_FAILED) {
    return absl::InternalError(
        absl::StrCat(path, ": cannot map: ", std::strerror(errno)));
  }
  // Weight pages are skipped, never read: no read-around on page faults.
  ::madvise(data, size, MADV_RANDOM);
  absl::Status s =
      ParseModelBytes(absl::string_view(static_cast<const char*>(data), size),
                      path, model, skipped_bytes);
  ::munmap(data, size);
  return s;
}

namespace {

// Protobuf's default nesting limit: 100 message levels, about 33 nested
// If/Loop bodies (a node, its attribute, its graph per level).
constexpr int kProtoRecursionLimit = 100;

bool ParseProto(absl::string_view bytes, onnx::ModelProto* model,
                int recursion_limit = kProtoRecursionLimit) {
  model->Clear();
  google::protobuf::io::ArrayInputStream ais(bytes.data(),
                                             static_cast<int>(bytes.size()));
  google::protobuf::io::CodedInputStream cis(&ais);
  cis.SetTotalBytesLimit(INT_MAX);
  cis.SetRecursionLimit(recursion_limit);
  return model->ParseFromCodedStream(&cis) && cis.ConsumedEntireMessage();
}

// Names are echoed in messages and tables; real ones are under 300 bytes.
constexpr size_t kMaxNameBytes = 4096;

// Every name and op string of the model, for EscapeControlBytes.
template <typename F>
void ForEachName(onnx::GraphProto* g, const F& f);

template <typename F>
void ForEachNodeName(onnx::NodeProto* n, const F& f) {
  f(n->mutable_name());
  f(n->mutable_op_type());
  f(n->mutable_domain());
  for (auto& s : *n->mutable_input()) f(&s);
  for (auto& s : *n->mutable_output()) f(&s);
  for (auto& a : *n->mutable_attribute()) {
    if (a.has_g()) ForEachName(a.mutable_g(), f);
    for (auto& sg : *a.mutable_graphs()) ForEachName(&sg, f);
  }
}

template <typename F>
void ForEachName(onnx::GraphProto* g, const F& f) {
  f(g->mutable_name());
  for (auto& n : *g->mutable_node()) ForEachNodeName(&n, f);
  for (auto& t : *g->mutable_initializer()) f(t.mutable_name());
  for (auto& t : *g->mutable_sparse_initializer()) {
    f(t.mutable_values()->mutable_name());
    f(t.mutable_indices()->mutable_name());
  }
  for (auto& v : *g->mutable_input()) f(v.mutable_name());
  for (auto& v : *g->mutable_output()) f(v.mutable_name());
  for (auto& v : *g->mutable_value_info()) f(v.mutable_name());
}

template <typename F>
void ForEachModelName(onnx::ModelProto* m, const F& f) {
  f(m->mutable_producer_name());
  f(m->mutable_producer_version());
  ForEachName(m->mutable_graph(), f);
  for (auto& fn : *m->mutable_functions()) {
    f(fn.mutable_name());
    f(fn.mutable_domain());
    for (auto& s : *fn.mutable_input()) f(&s);
    for (auto& s : *fn.mutable_output()) f(&s);
    for (auto& n : *fn.mutable_node()) ForEachNodeName(&n, f);
  }
}

// Names reach the terminal (tables, messages): a name holding ESC, CR or
// NUL would drive it. When any name holds a control byte, every name is
// rewritten with the byte as \xHH and '\' as '\\' (one-to-one, so links
// between values are kept); other models are left untouched.
absl::Status EscapeControlBytes(onnx::ModelProto* m, const std::string& file) {
  bool any = false;
  size_t longest = 0;
  ForEachModelName(m, [&](std::string* s) {
    any = any || HasControlBytes(*s);
    longest = std::max(longest, s->size());
  });
  if (longest > kMaxNameBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        file, ": a name or op type of ", longest,
        " bytes; expected names of at most ", kMaxNameBytes, " bytes"));
  }
  if (!any) return absl::OkStatus();
  ForEachModelName(m, [](std::string* s) {
    std::string out;
    for (char c : *s) {
      if (c == '\\') {
        out += "\\\\";
      } else if (HasControlBytes(absl::string_view(&c, 1))) {
        absl::StrAppend(
            &out, "\\x",
            absl::Hex(static_cast<unsigned char>(c), absl::kZeroPad2));
      } else {
        out.push_back(c);
      }
    }
    *s = std::move(out);
  });
  return absl::OkStatus();
}

}  // namespace

absl::Status ParseModelBytes(absl::string_view bytes, const std::string& name,
                             onnx::ModelProto* model, int64_t* skipped_bytes) {
  if (skipped_bytes) *skipped_bytes = 0;
  if (bytes.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": empty file; expected an ONNX model"));
  }
  // Inline weights are dropped before parsing (only their dims matter):
  // a 553 MB vgg16 then parses from a few KB, and its weight pages are
  // never touched. Input that the skipper cannot walk is parsed as is.
  std::string small;
  int64_t skipped = 0;
  if (static_cast<int64_t>(bytes.size()) > kSkippableTensorBytes &&
      SkipLargeTensorData(bytes, kSkippableTensorBytes, kMaxFoldElements,
                          &small, &skipped) &&
      skipped > 0 && small.size() <= static_cast<size_t>(INT_MAX) &&
      ParseProto(small, model)) {
    if (skipped_bytes) *skipped_bytes = skipped;  // parsed without them
  } else if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return absl::InvalidArgumentError(absl::StrCat(
        name, ": ", bytes.size(),
        " bytes is over protobuf's 2 GB limit; expected the weights in "
        "external data files"));
  } else if (!ParseProto(bytes, model)) {
    // Only to tell the cause: does it parse with deeper nesting allowed?
    const bool too_deep = ParseProto(bytes, model, 10 * kProtoRecursionLimit);
    model->Clear();
    return absl::InvalidArgumentError(absl::StrCat(
        name,
        too_deep
            ? absl::StrCat(": messages nested more than ", kProtoRecursionLimit,
                           " levels deep (subgraphs of If/Loop/Scan nested "
                           "about 33 deep); expected shallower nesting")
            : ": not an ONNX model: the protobuf does not parse (truncated "
              "file, or not an ONNX file)"));
  }
  if (!model->has_graph() || model->ir_version() <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        name, ": not an ONNX model: ",
        !model->has_graph() ? "no graph" : "no ir_version",
        "; expected a ModelProto with ir_version, opset_import and a graph"));
  }
  if (model->graph().node_size() == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        name,
        ": the graph has no nodes (truncated file?); expected a model "
        "with at least one node"));
  }
  if (model->graph().node_size() > kMaxGraphNodes) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": the graph has ", model->graph().node_size(),
                     " nodes; expected at most ", kMaxGraphNodes,
                     " (the frontend needs about 1.1 KB per node)"));
  }
  return EscapeControlBytes(model, name);
}

absl::StatusOr<int> ModelOpset(const onnx::ModelProto& model,
                               const std::string& name) {
  int64_t opset = 0;
  bool found = false;
  for (const auto& o : model.opset_import()) {
    if (o.domain().empty() || o.domain() == "ai.onnx") {
      opset = o.version();
      found = true;
    }
  }
  if (!found) {
    if (model.ir_version() < 3) return 1;
    return absl::InvalidArgumentError(absl::StrCat(
        name, ": no opset_import for the ai.onnx domain; expected one"));
  }
  if (opset < 1 || opset > kMaxSupportedOpset) {
    return absl::InvalidArgumentError(absl::StrCat(
        name, ": imports ai.onnx opset ", opset,
        ", which this frontend does not know; expected an opset from 1 to ",
        kMaxSupportedOpset));
  }
  return static_cast<int>(opset);
}

}  // namespace maestro::frontend
