// Mapping-space search of one layer: seeding with the library dataflows and
// an all-ones genome, the strategies (random, exhaustive, gamma), budgets,
// and the per-layer result. See docs/search.md.
//
// Example:
//   SearchOptions o;
//   o.strategy = Strategy::kGamma;
//   o.budget = {BudgetKind::kEvals, 10000};
//   o.seed = 1;
//   absl::StatusOr<LayerSearch> r = SearchLayer(layer, LayerRole::kConv, hw,
//   o); r->best.metrics.runtime_cycles;    // never worse than
//   r->library_best() r->lower_bound_cycles;             // the winner is never
//   below it
//
// Same inputs, seed and evals budget give the same result for any thread
// count (docs/search.md "Determinism").
#ifndef MAESTRO_ONNX_SEARCH_SEARCH_H_
#define MAESTRO_ONNX_SEARCH_SEARCH_H_

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/engine/analysis.h"
#include "mappings/library.h"
#include "search/evaluator.h"
#include "search/flex.h"
#include "search/genome.h"
#include "search/marvel.h"
#include "search/objective.h"
#include "search/operators.h"
#include "search/pareto.h"
#include "search/space.h"

namespace maestro::search {

enum class Strategy : uint8_t {
  kGamma,
  kRandom,
  kExhaustive,
  kGammaCompat,
  kMarvel
};
absl::string_view StrategyName(Strategy s);
std::optional<Strategy> ParseStrategy(absl::string_view text);
// The names ParseStrategy accepts, for an error message.
absl::string_view StrategyChoices();
// A --marvel-cap value: a whole number of mappings in [1, 1e18].
bool ValidMarvelCap(double cap);

enum class BudgetKind : uint8_t { kEvals, kTime, kStall };
struct Budget {
  BudgetKind kind = BudgetKind::kEvals;
  double value = 10000;  // evals, seconds, or evals without improvement
};
// "evals=N", "time=T" (seconds, suffix s or ms), "stall=K"; N, T, K > 0.
absl::StatusOr<Budget> ParseBudget(absl::string_view text);
std::string BudgetText(const Budget& b);

// What a search reports after each batch (progress lines).
struct BatchProgress {
  int64_t evals = 0;
  int64_t budget_evals = 0;  // 0 unless the budget is evals=N
  int64_t best_runtime = 0;
  double best_energy = 0;
  int64_t library_best_runtime = 0;  // 0 when no library dataflow applies
  double valid_pct = 0;
  double elapsed_s = 0;
};

struct SearchOptions {
  Strategy strategy = Strategy::kGamma;
  Objective objective = Objective::kLatency;
  // lex / weighted / throughput (objective.h); its base is `objective`.
  ObjectiveSpec objective_spec;
  // The target file's own Dataflow blocks for this layer (extra seeds).
  std::vector<Dataflow> own_dataflows;
  // --flex: only these axes of this library dataflow (gamma, random).
  Flex flex;
  Budget budget;
  bool budget_given = false;  // exhaustive: without one, the whole space
  uint64_t seed = 1;
  int threads = 1;
  SpaceOptions space;
  AnalysisOptions analysis;
  int population = 100;
  GammaRates rates;         // gamma's operator rates and improvements
  Constraints constraints;  // --constraint (pes: the PEs a mapping may use)
  // --buffers fit: each mapping's area / power with L1 / L2 sized to its
  // needs (Evaluator::set_fit_buffers); otherwise the configured sizes.
  bool fit_buffers = false;
  double max_space = 1e8;  // exhaustive refuses a larger canonical space
  // --marvel-cap: marvel's Phase B enumerates a kept candidate's on-chip
  // subspace when it holds at most this many points (and fits the
  // candidate's budget share), else runs a GA over it.
  int64_t marvel_cap = 1000000;
  // --marvel-layout: Phase A searches each tensor's DRAM layout, or keeps
  // each row-major.
  DramLayout marvel_layout = DramLayout::kSearched;
  // Phase B above the cap by uniform draws instead of the GA (the earlier
  // behaviour, kept for comparisons; no CLI flag).
  bool marvel_uniform = false;
  // Checked at batch boundaries: set (e.g. by SIGINT) to stop with the best
  // found so far.
  const std::atomic<bool>* stop = nullptr;
  // Called after every evaluated batch (not part of the result).
  std::function<void(const BatchProgress&)> on_batch;
  // Called after every evaluated batch with its candidates (keys and
  // metrics set, cache hits included), e.g. to record the genomes a search
  // evaluates (benchmarks/search_genomes_bench.cc); not part of the result.
  std::function<void(const std::vector<Candidate>&)> on_evaluated;
};

// One library dataflow on the layer.
struct LibraryEntry {
  std::string dataflow;
  absl::Status status;  // not ok: the dataflow does not apply (why)
  Metrics metrics;
  Dataflow block;  // the directive list used
  // Whether a genome reproduces it exactly (same metrics): it then seeds
  // the search; otherwise its result is still a candidate of its own.
  bool exact_genome = false;
  int64_t eval_index = 0;  // its place in the evaluation order (1-based)
  // A Dataflow block of the target `.m` file ("own"): a seed and a
  // candidate, not a library baseline.
  bool own = false;
};

struct ConvergencePoint {
  int64_t evals = 0;
  int64_t generation = 0;
  int64_t best_runtime = 0;
  double best_energy = 0;
  double valid_pct = 0;  // feasible share of the candidates so far
  double elapsed_s = 0;
  // Pareto objectives: the front's hypervolume as a fraction of the
  // reference box (LayerSearch::hv_reference); -1 when not computed.
  double hypervolume = -1;
};

struct Winner {
  Metrics metrics;
  std::string source;  // "search" or "library:NAME"
  std::optional<Genome> genome;
  Dataflow mapping;      // as written to best.m
  std::string describe;  // compact genome form ("" for library)
  // The winner under exact semantics (equal to metrics under exact); under
  // maestro semantics `semantics_differ` flags a runtime more than 1 % off.
  int64_t exact_runtime_cycles = 0;
  bool semantics_differ = false;
};

// One point of a layer's front: its objectives and the mapping.
struct FrontPoint {
  Objectives f{};
  uint64_t key = 0;  // canonical key (0: a library block without genome)
  Winner w;
};

// The objectives of a layer's front: pareto's terms; (latency, energy) for
// edp (the network's EDP choice, SearchNetwork); none otherwise.
std::vector<Metric> FrontMetrics(const SearchOptions& o);

// What marvel's Phase A found (the note says it too), for the JSON.
struct MarvelSummary {
  PhaseASize offchip;      // the off-chip subspace's sizes
  int kept = 0;            // candidates kept for Phase B
  long double onchip = 0;  // Phase B's subspace, summed over the kept
  DramLayout layout_mode = DramLayout::kSearched;
  // The best kept candidate's layout per tensor, slowest dim first (e.g.
  // {"input", "NYXC"}; GEMM A, B, C), and how many kept are not row-major.
  std::vector<std::pair<std::string, std::string>> best_layout;
  int kept_not_row_major = 0;
  // Phase B: kept candidates walked whole, searched (GA or uniform draws).
  int enumerated = 0, searched = 0;
};

struct LayerSearch {
  Layer layer;
  int64_t macs = 0;
  int64_t lower_bound_cycles = 0;
  SpaceSize space;
  std::vector<LibraryEntry> library;
  int library_best = -1;  // index into library, -1 when none applies
  Winner best;
  EvalStats stats;
  int64_t feasible = 0, over_buffer = 0, refused = 0, errors = 0;
  int64_t generations = 0;
  bool stopped_early = false;  // interrupted (stop flag)
  std::string note;            // e.g. "exhaustive: 1200 of 6144 (budget)"
  std::optional<MarvelSummary> marvel;  // strategy marvel
  std::vector<ConvergencePoint> convergence;
  double wall_s = 0;
  // First candidate count at which the final best objective was reached
  // (for the convergence tests).
  int64_t evals_to_best = 0;
  // ... and at which its primary objective value was first reached.
  int64_t evals_to_best_primary = 0;
  // FrontMetrics: every feasible non-dominated point evaluated (library
  // dataflows included), sorted by objectives then key.
  std::vector<Metric> front_metrics;
  std::vector<FrontPoint> front;
  // Pareto: 2 x the best library dataflow's objectives (none when no
  // library dataflow is feasible), and the final front's hypervolume as a
  // fraction of the box it spans (-1 without a reference).
  std::optional<Objectives> hv_reference;
  double hypervolume = -1;
};

// Searches one layer. Errors: the layer type is not searchable, the
// exhaustive space is above max_space, a latency constraint below the
// layer's lower bound (no mapping can meet it).
absl::StatusOr<LayerSearch> SearchLayer(const Layer& layer, LayerRole role,
                                        const Hardware& hw,
                                        const SearchOptions& options);

// The hardware a layer is searched on: hw with at most --constraint pes<=N
// PEs.
Hardware SearchHardware(const Hardware& hw, const SearchOptions& options);

// Errors for area / power options that mean nothing or cannot be met on
// hw: an area objective (or a power one under a module-power model) with
// buffers fixed (every mapping the same design), an area or power limit
// below every possible design's. Checked by SearchLayer.
absl::Status CheckDesignOptions(const SearchOptions& o, const Hardware& hw);

// A deterministic 64-bit key of the layer (type, dims, strides) for the RNG
// streams and for deduplicating a network's layers.
uint64_t LayerKey(const Layer& layer);

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_SEARCH_H_
