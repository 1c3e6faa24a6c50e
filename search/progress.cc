#include "search/progress.h"

#include "absl/strings/str_format.h"
#include "core/report/result_table.h"
#include "nlohmann/json.hpp"

namespace maestro::search {

ProgressReporter::ProgressReporter(ProgressMode mode, std::ostream& os)
    : mode_(mode), os_(os), start_(std::chrono::steady_clock::now()) {}

void ProgressReporter::Batch(int i, int n, const std::string& layer,
                             const BatchProgress& p) {
  if (mode_ == ProgressMode::kOff) return;
  const auto now = std::chrono::steady_clock::now();
  if (wrote_ && now - last_ < std::chrono::milliseconds(100)) return;
  Write(i, n, layer, p, false);
}

void ProgressReporter::LayerDone(int i, int n, const LayerSearch& s) {
  if (mode_ == ProgressMode::kOff) return;
  BatchProgress p;
  p.evals = s.stats.candidates;
  p.best_runtime = s.best.metrics.runtime_cycles;
  p.best_energy = s.best.metrics.energy_pj;
  p.library_best_runtime =
      s.library_best >= 0 ? s.library[s.library_best].metrics.runtime_cycles
                          : 0;
  p.elapsed_s = s.wall_s;
  p.valid_pct =
      s.stats.candidates ? 100.0 * s.feasible / s.stats.candidates : 0;
  Write(i, n, s.layer.name, p, true);
  finished_evals_ += s.stats.candidates;
  if (mode_ == ProgressMode::kTty && i == n) os_ << "\n" << std::flush;
}

void ProgressReporter::Write(int i, int n, const std::string& layer,
                             const BatchProgress& in, bool done) {
  BatchProgress p = in;  // the best so far counts the library dataflows
  if (p.library_best_runtime > 0 &&
      (p.best_runtime == 0 || p.library_best_runtime < p.best_runtime)) {
    p.best_runtime = p.library_best_runtime;
  }
  last_ = std::chrono::steady_clock::now();
  wrote_ = true;
  const double total_s = std::chrono::duration<double>(last_ - start_).count();
  const int64_t total = finished_evals_ + p.evals;
  const double rate = total_s > 0 ? total / total_s : 0;
  const double gain =
      p.best_runtime > 0 && p.library_best_runtime > 0
          ? static_cast<double>(p.library_best_runtime) / p.best_runtime
          : 0;
  double eta = -1;
  if (p.budget_evals > 0 && rate > 0) {
    eta = ((p.budget_evals - p.evals) +
           static_cast<double>(n - i) * p.budget_evals) /
          rate;
  }
  if (mode_ == ProgressMode::kJsonl) {
    nlohmann::ordered_json j = {
        {"layer_index", i},
        {"layers", n},
        {"layer", layer},
        {"evals", p.evals},
        {"evals_total", total},
        {"budget_evals", p.budget_evals > 0
                             ? nlohmann::ordered_json(p.budget_evals)
                             : nlohmann::ordered_json(nullptr)},
        {"evals_per_s", rate},
        {"best_runtime_cycles", p.best_runtime},
        {"library_best_runtime_cycles", p.library_best_runtime},
        {"gain_vs_library", gain},
        {"valid_pct", p.valid_pct},
        {"elapsed_s", total_s},
        {"eta_s", eta >= 0 ? nlohmann::ordered_json(eta)
                           : nlohmann::ordered_json(nullptr)},
        {"done", done}};
    os_ << j.dump() << "\n" << std::flush;
    return;
  }
  os_ << absl::StrFormat(
             "\r[%d/%d] %.30s  %d evals, %.0f/s, best %s (library %s, "
             "%.2fx)%s\x1b[K",
             i, n, layer, p.evals, rate, GroupThousands(p.best_runtime),
             GroupThousands(p.library_best_runtime), gain,
             eta >= 0 ? absl::StrFormat(", ETA %.0f s", eta) : "")
      << std::flush;
}

}  // namespace maestro::search
