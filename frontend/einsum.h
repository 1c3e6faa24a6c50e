// The GEMM view of a two-operand Einsum: which subscripts are batch (in both
// operands and the output), rows (A and output), columns (B and output) and
// reduction (both operands, not the output), with their sizes.
//
// Example:
//   EinsumGemm g;
//   EinsumAsGemm("bhqd,bhkd->bhqk", {1, 12, 128, 64}, {1, 12, 128, 64}, &g);
//   // g.batch = 12, g.m = 128, g.k = 64, g.n = 128
#ifndef MAESTRO_ONNX_FRONTEND_EINSUM_H_
#define MAESTRO_ONNX_FRONTEND_EINSUM_H_

#include <cstdint>
#include <string>
#include <vector>

namespace maestro::frontend {

struct EinsumGemm {
  int64_t batch = 1, m = 1, k = 1, n = 1;
  bool b_has_batch = false;  // B carries batch subscripts
  std::vector<int64_t> output_dims;
};

// False when the equation is not a two-operand contraction over these
// shapes (malformed, rank mismatch, sizes that disagree).
bool EinsumAsGemm(const std::string& equation, const std::vector<int64_t>& a,
                  const std::vector<int64_t>& b, EinsumGemm* out);

// MACs of an Einsum of two or more operands with an explicit output,
// contracted left to right (as torch.einsum does without opt_einsum): each
// step costs the product of the subscripts of the running result and the
// next operand. -1 when the equation or the shapes do not allow it.
int64_t EinsumMacsEstimate(const std::string& equation,
                           const std::vector<std::vector<int64_t>>& shapes);

}  // namespace maestro::frontend

#endif  // MAESTRO_ONNX_FRONTEND_EINSUM_H_
