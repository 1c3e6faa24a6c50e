#include "frontend/model_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "frontend/tensor_data_skipper.h"
#include "frontend/value_state.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace maestro::frontend {

absl::Status ReadModelFile(const std::string& path, onnx::ModelProto* model,
                           int64_t* skipped_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) {
    return absl::NotFoundError(
        absl::StrCat(path, ": cannot open: ", std::strerror(errno)));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a regular file; expected a .onnx file"));
  }
  const size_t size = static_cast<size_t>(st.st_size);
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

bool ParseProto(absl::string_view bytes, onnx::ModelProto* model) {
  model->Clear();
  google::protobuf::io::ArrayInputStream ais(bytes.data(),
                                             static_cast<int>(bytes.size()));
  google::protobuf::io::CodedInputStream cis(&ais);
  cis.SetTotalBytesLimit(INT_MAX);
  return model->ParseFromCodedStream(&cis) && cis.ConsumedEntireMessage();
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
    return absl::InvalidArgumentError(absl::StrCat(
        name,
        ": not an ONNX model: the protobuf does not parse (truncated file, "
        "or not an ONNX file)"));
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
  return absl::OkStatus();
}

absl::StatusOr<int> ModelOpset(const onnx::ModelProto& model,
                               const std::string& name) {
  int opset = -1;
  for (const auto& o : model.opset_import()) {
    if (o.domain().empty() || o.domain() == "ai.onnx") {
      opset = static_cast<int>(std::min<int64_t>(o.version(), INT_MAX));
    }
  }
  if (opset < 0) {
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
  return opset;
}

}  // namespace maestro::frontend
