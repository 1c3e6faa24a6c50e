// The analytical cost engine: one layer under one resolved mapping on one
// hardware, and whole mapping files (networks).
//
// Example:
//   absl::StatusOr<ResolvedMapping> m = ResolveDataflow(df, layer, hw);
//   AnalysisOptions opts;                 // exact semantics by default
//   opts.semantics = Semantics::kMaestro; // reproduce MAESTRO 4eb08d1
//   absl::StatusOr<LayerResult> r = AnalyzeLayer(layer, *m, hw, opts);
//   r->runtime_cycles;   // cycles
//   r->access[kInput].l2_read;   // elements read from L2 (the top level)
//
// Units: every count is in elements (one element = hw.bytes_per_element
// bytes) or in cycles; energies in pJ (energy_pj) or in multiples of one MAC
// energy (energy_maestro_xmac); area in um^2; power in mW. See
// docs/cost-model.md for the model and the two semantics.
#ifndef MAESTRO_ONNX_CORE_ENGINE_ANALYSIS_H_
#define MAESTRO_ONNX_CORE_ENGINE_ANALYSIS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/hardware.h"
#include "core/layer.h"
#include "core/mapping.h"

namespace maestro {

// kExact counts what the mapping really does (default); kMaestro reproduces
// MAESTRO's traffic, delay, buffer and bandwidth rules, shortcuts included
// (never its wrong MAC counts, crashes or output bugs).
enum class Semantics : uint8_t { kExact, kMaestro };
absl::string_view SemanticsName(Semantics s);  // "exact", "maestro"
std::optional<Semantics> ParseSemantics(absl::string_view text);

struct AnalysisOptions {
  Semantics semantics = Semantics::kExact;
  // MAESTRO builds a layer type's tensor table (with or without the batch
  // dim N) once, from the first layer of that type in the file. AnalyzeNetwork
  // sets this under maestro semantics; unset = the layer's own N.
  std::optional<bool> tensors_have_batch;
};

enum TensorKind : int { kInput = 0, kFilter = 1, kOutput = 2 };
inline constexpr int kNumTensors = 3;
absl::string_view TensorName(int t);  // "input", "filter", "output"

// Buffer accesses of one tensor, in elements. L2 is the shared (top-level)
// buffer, L1 the PE-local one.
struct TensorAccess {
  int64_t l2_read = 0;
  int64_t l2_write = 0;
  int64_t l1_read = 0;
  int64_t l1_write = 0;
};

// What dominates the runtime: the sum over top-level cases of each case's
// delay, attributed to the term that decided it.
enum class Bound : uint8_t { kCompute, kNoc, kOffchip };
absl::string_view BoundName(Bound b);  // "compute", "noc", "offchip"

struct DelayStats {  // cycles per top-level case (occurrence-weighted avg)
  int64_t min = 0;
  int64_t max = 0;
  double avg = 0;
};

struct LayerResult {
  std::string name;
  LayerType type = LayerType::kConv;
  int64_t repeat = 1;
  Semantics semantics = Semantics::kExact;

  // MACs of one instance: always the exact analytic count. macs_maestro is
  // the count MAESTRO's rules give (maestro semantics; equal to macs when
  // MAESTRO is right).
  int64_t macs = 0;
  int64_t macs_maestro = 0;
  // MACs summed by the model's own case analysis under the chosen semantics
  // (for tests: must equal `macs` under exact semantics).
  int64_t macs_model = 0;
  // Maestro semantics: top-level case occurrences that compute nothing; MAESTRO
  // divides by their zero compute delay and dies of SIGFPE
  // (docs/cost-model.md).
  int64_t maestro_zero_compute = 0;
  int64_t runtime_cycles = 0;  // one instance
  double throughput_macs_per_cycle = 0;

  std::array<TensorAccess, kNumTensors> access{};

  // Buffer requirements in elements (x bytes_per_element for bytes): L1 per
  // PE (innermost level), L2 shared (top level), per tensor and summed.
  std::array<int64_t, kNumTensors> l1_size_req_tensor{};
  std::array<int64_t, kNumTensors> l2_size_req_tensor{};
  int64_t l1_size_req = 0;
  int64_t l2_size_req = 0;
  int64_t l1_size_req_bytes = 0;
  int64_t l2_size_req_bytes = 0;
  bool fits_l1 = true;
  bool fits_l2 = true;

  // NoC bandwidth needed to hide the traffic behind the compute, in
  // elements/cycle: peak over top-level cases, and occurrence-weighted avg.
  int64_t noc_bw_req_peak = 0;
  double noc_bw_req_avg = 0;
  // Off-chip bandwidth needed, elements/cycle: peak over top-level cases of
  // that case's L2 fill + drain traffic / its delay.
  double offchip_bw_req = 0;
  // Elements the off-chip floor charges between DRAM and L2: every top-level
  // case refills half the input + filter L2 need and drains half the output
  // L2 need (MAESTRO's per-case rule), summed over the case occurrences. The
  // minimum (each element once) is the tensor sizes: access[].l2_write of
  // input and filter plus access[kOutput].l2_read.
  int64_t offchip_modelled = 0;
  // Total MACs / total elements moved into the top level's sub-units.
  double arithmetic_intensity = 0;

  double avg_utilized_pes = 0;
  DelayStats ingress_delay, egress_delay, compute_delay;
  Bound bound = Bound::kCompute;

  // Energy: MAESTRO's formula in units of one MAC's energy
  // (18.61 x L2 accesses + 1.68 x L1 accesses + MACs), and ours in pJ from
  // hw.energy (MAC, L1, L2, NoC, DRAM; see docs/cost-model.md).
  double energy_maestro_xmac = 0;
  double energy_pj = 0;
  double energy_mac_pj = 0, energy_l1_pj = 0, energy_l2_pj = 0,
         energy_noc_pj = 0, energy_dram_pj = 0;

  // MAESTRO's area (um^2) and power (mW) formulas for the hardware sized to
  // this layer's requirements.
  double area_um2 = 0;
  double power_mw = 0;

  int64_t num_pes = 0;

  // Exact semantics: true when the loop-nest analysis covered the mapping
  // (docs/cost-model.md "Exact semantics"); false under maestro semantics or
  // when the mapping is outside it (`exact_fallback` says why, e.g. "a
  // partial R tile") and MAESTRO's case rules with the exact corrections
  // were used.
  bool loop_nest = false;
  std::string exact_fallback;
  // The mapping's warnings from ResolveDataflow (file:line:col: warning:
  // ...), e.g. maps accepted under maestro semantics although they compute
  // points twice or leave them out.
  std::vector<std::string> warnings;

  // Exact semantics outside the loop-nest analysis: the numbers are
  // MAESTRO's case rules with the exact corrections, not a loop-nest count.
  bool ExactFallback() const {
    return semantics == Semantics::kExact && !loop_nest;
  }
};

// Analyses one instance of `layer` (repeat is recorded, not multiplied in).
absl::StatusOr<LayerResult> AnalyzeLayer(const Layer& layer,
                                         const ResolvedMapping& mapping,
                                         const Hardware& hw,
                                         const AnalysisOptions& options);

struct NetworkTotals {
  int64_t runtime_cycles = 0;  // sum of runtime x repeat
  int64_t macs = 0;            // sum of macs x repeat
  double energy_pj = 0;        // sum of energy_pj x repeat
  double energy_maestro_xmac = 0;
  int64_t peak_l1_size_req = 0;  // max over layers, elements
  int64_t peak_l2_size_req = 0;
  double utilization = 0;  // macs / (num_pes x runtime_cycles)
  double throughput_macs_per_cycle = 0;
  // Exact semantics: layers outside the loop-nest analysis (their numbers
  // are approximate, LayerResult::ExactFallback).
  int64_t exact_fallback_layers = 0;
};

struct NetworkResult {
  std::string name;      // network name
  std::string dataflow;  // dataflow name ("" when per-layer in the file)
  std::vector<LayerResult> layers;
  NetworkTotals totals;
};

// Recomputes `totals` from `layers`.
void ComputeTotals(const Hardware& hw, NetworkResult& net);

}  // namespace maestro

#endif  // MAESTRO_ONNX_CORE_ENGINE_ANALYSIS_H_
