// The engine's fast path, for search loops: a layer prepared once, a mapping
// built as a value (fixed-size arrays, no text, no strings), a reusable
// per-thread workspace, and the figures a search needs. The numbers are
// AnalyzeLayer's: AnalyzeLayer runs the same phases (PrepareLayer,
// AnalyzeMapping, ComputeFigures) and adds its reporting fields
// (docs/engine.md; tests/core/fast_eval_test.cc checks it field by field).
//
// Example:
//   absl::StatusOr<engine::PreparedLayer> pl =
//       engine::PrepareLayer(layer, options);   // validates the layer once
//   engine::MappingValue m;                      // e.g. from a search genome
//   m.num_levels = 1;
//   m.levels[0].num_units = 256;
//   m.levels[0].Add({DirectiveKind::kSpatialMap, 1, 1, Dim::kK});
//   m.levels[0].Add({DirectiveKind::kTemporalMap, 3, 1, Dim::kY});  // ...
//   if (absl::Status s = engine::ValidateMapping(*pl, m, hw); !s.ok()) ...
//   engine::Workspace ws;                         // one per thread, reused
//   engine::Figures f;
//   absl::Status s = engine::Evaluate(*pl, m, hw, options, ws, f);
//   f.runtime_cycles; f.energy_pj; f.l1_size_req; f.macs_model;
//
// Steady state (a workspace that has seen a mapping at least as large):
// no heap allocation per Evaluate (tests/core/fast_eval_test.cc counts
// them), no string formatted unless an error is returned.
#ifndef MAESTRO_ONNX_CORE_ENGINE_FAST_EVAL_H_
#define MAESTRO_ONNX_CORE_ENGINE_FAST_EVAL_H_

#include <array>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/engine/analysis.h"
#include "core/engine/exact_analysis.h"
#include "core/engine/layer_model.h"
#include "core/engine/level_analysis.h"
#include "core/hardware.h"
#include "core/layer.h"
#include "core/mapping.h"

namespace maestro::engine {

// A layer validated and prepared once (hardware- and mapping-independent):
// reusable across mappings and hardware points.
struct PreparedLayer {
  Layer layer;
  LayerShape shape;
  int64_t macs = 0;  // AnalyticMacs(layer)
  // Elements of each tensor (output in output coordinates), and MAESTRO's
  // output size (Y - R + 1, ignoring the stride).
  std::array<int64_t, kNumTensors> tensor_size{};
  int64_t maestro_output_size = 0;
};

// Validates the layer (ValidateLayer) and prepares it. The batch dim of the
// tensor tables follows options.tensors_have_batch (default: the layer's N).
absl::StatusOr<PreparedLayer> PrepareLayer(const Layer& layer,
                                           const AnalysisOptions& options);

// A mapping as a value: per cluster level (0 = top) its units and its maps
// in loop order, outermost first (the engine's ResolvedMapping without
// vectors, locations or warnings).
inline constexpr int kMaxMappingLevels = 4;
inline constexpr int kMaxLevelMaps = 12;

struct MappingLevel {
  int64_t num_units = 1;
  int num_maps = 0;
  std::array<Map, kMaxLevelMaps> maps{};
  // Appends a map; past kMaxLevelMaps nothing is written and the level is
  // marked invalid (num_maps > kMaxLevelMaps: Evaluate and ValidateMapping
  // refuse it).
  void Add(const Map& m) {
    if (num_maps < kMaxLevelMaps) {
      maps[num_maps++] = m;
    } else {
      num_maps = kMaxLevelMaps + 1;
    }
  }
};

struct MappingValue {
  int num_levels = 0;
  std::array<MappingLevel, kMaxMappingLevels> levels{};
};

// The same mapping as a ResolvedMapping (for AnalyzeLayer, ToDataflow).
ResolvedMapping ToResolvedMapping(const MappingValue& m);

// ResolveDataflow's structural rules on a value: 1..kMaxMappingLevels
// levels, units >= 1 with the product of the lower levels' units <= PEs,
// 1..kMaxLevelMaps maps per level on dims of the layer, size and offset
// >= 1, one or two SpatialMaps per level, a TemporalMap on R or S of size
// = offset = the filter. (The coverage rule, points computed twice or left
// out, is not checked here: a genome's maps have size = offset.) OK, or
// one message naming the level and map.
absl::Status ValidateMapping(const PreparedLayer& layer, const MappingValue& m,
                             const Hardware& hw);

// Reused between evaluations, one per thread.
struct Workspace {
  LayerModel model;
  ExactWorkspace exact;
  LevelWorkspace level;
};

// What the phases leave for the figures: the top level's sums (in the
// workspace), the per-PE L1 needs and which analysis ran.
struct Analysis {
  const LevelResult* top = nullptr;
  std::array<int64_t, kNumTensors> l1_req{};
  bool loop_nest = false;
};

// The figures of one mapping (AnalyzeLayer's LayerResult has the same
// values under the same names).
struct Figures {
  int64_t macs = 0;          // analytic, always exact
  int64_t macs_maestro = 0;  // MAESTRO's rules (maestro semantics)
  int64_t macs_model = 0;    // the model's own case sum
  int64_t runtime_cycles = 0;
  std::array<TensorAccess, kNumTensors> access{};
  std::array<int64_t, kNumTensors> l1_size_req_tensor{};
  std::array<int64_t, kNumTensors> l2_size_req_tensor{};
  int64_t l1_size_req = 0;
  int64_t l2_size_req = 0;
  bool fits_l1 = true;
  bool fits_l2 = true;
  bool loop_nest = false;  // exact semantics: the loop-nest analysis ran
  // Maestro semantics: top-level case occurrences that compute nothing
  // (LevelResult::zero_compute_occ); MAESTRO itself dies of SIGFPE on them.
  int64_t maestro_zero_compute = 0;
  double energy_maestro_xmac = 0;
  double energy_pj = 0;
  double energy_mac_pj = 0, energy_l1_pj = 0, energy_l2_pj = 0,
         energy_noc_pj = 0, energy_dram_pj = 0;
};

// Phase: the hardware's numbers the engine divides by (message only on
// failure).
absl::Status CheckHardware(const Hardware& hw);

// Phases: the layer model of the mapping (BuildLayerModelInto) and its level
// analysis (ExactAnalyzer for the loop nest, else LevelAnalyzer), results in
// `ws`. `statistics`: also the reporting sums AnalyzeLayer adds (bound,
// bandwidth needs, delay statistics, active units); the figures do not
// depend on it. Errors name the layer.
absl::Status AnalyzeMapping(const PreparedLayer& layer,
                            std::span<const LevelView> levels,
                            const Hardware& hw, Semantics semantics,
                            bool statistics, Workspace& ws, Analysis& out);

// Phase: runtime, accesses, buffer needs and energies from an analysis.
void ComputeFigures(const PreparedLayer& layer, const Analysis& a,
                    const Hardware& hw, Semantics semantics, Figures& f);

// The part of ComputeFigures that the buffer sizes and the energy table
// decide: fits_l1, fits_l2 and the energies in pJ (from f's accesses).
void HardwareFigures(const Hardware& hw, Figures& f);

// CheckHardware + AnalyzeMapping + ComputeFigures on a mapping value (a
// value with a level or map count out of range is an error, not clamped).
absl::Status Evaluate(const PreparedLayer& layer, const MappingValue& m,
                      const Hardware& hw, const AnalysisOptions& options,
                      Workspace& ws, Figures& f);

}  // namespace maestro::engine

#endif  // MAESTRO_ONNX_CORE_ENGINE_FAST_EVAL_H_
