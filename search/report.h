// The outputs of `maestro-onnx search`: the table, the JSON (schema
// docs/search.schema.json), best.m and convergence.csv.
//
// Example:
//   WriteSearchTable(net, hw, opts, std::cout);
//   nlohmann::ordered_json j = SearchToJson(net, hw, opts);
//   absl::StatusOr<std::string> m = BestMappingText(net, opts);
//   std::string csv = ConvergenceCsv(net);
#ifndef MAESTRO_ONNX_SEARCH_REPORT_H_
#define MAESTRO_ONNX_SEARCH_REPORT_H_

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "search/network_search.h"

namespace maestro::search {

void WriteSearchTable(const NetworkSearch& n, const Hardware& hw,
                      const SearchOptions& o, std::ostream& os);

// Fields that depend on the machine's speed (excluded from determinism
// comparisons): listed in the JSON's "timing_fields".
nlohmann::ordered_json SearchToJson(const NetworkSearch& n, const Hardware& hw,
                                    const SearchOptions& o);

// The pieces of SearchToJson, for a search merged from shards
// (sharding/search_shard.h): the head (schema, config, hardware, network),
// unique layer u's entry of "layers" with its search `s`, "skipped", and
// the whole put together with the totals and counts of `n`.
nlohmann::ordered_json SearchHeadJson(const NetworkSearch& n,
                                      const Hardware& hw,
                                      const SearchOptions& o);
nlohmann::ordered_json UniqueLayerToJson(const NetworkSearch& n, size_t u,
                                         const LayerSearch& s);
// A layer's "best" entry for winner w (its best, or a front point's).
nlohmann::ordered_json WinnerJson(const LayerSearch& s, const Winner& w);
nlohmann::ordered_json SkippedToJson(const NetworkSearch& n);
nlohmann::ordered_json AssembleSearchJson(nlohmann::ordered_json head,
                                          nlohmann::ordered_json layers,
                                          nlohmann::ordered_json skipped,
                                          const NetworkSearch& n);

// The error line of a search whose `infeasible` (> 0) layers have no
// feasible mapping under --constraint `constraints` (exit 1 follows).
std::string InfeasibleMessage(int infeasible, const std::string& constraints);

// Every searched layer with its best Dataflow block, in MAESTRO's grammar
// (expressions evaluated), with a header comment naming the search.
absl::StatusOr<std::string> BestMappingText(const NetworkSearch& n,
                                            const SearchOptions& o);

// layer,evals,generation,best_runtime_cycles,best_energy_pj,hypervolume,
// valid_pct,elapsed_s (hypervolume empty unless pareto)
std::string ConvergenceCsv(const NetworkSearch& n);

// The fronts (LayerSearch::front) of every unique layer: pareto.csv, one
// row per point (layer,point,latency_cycles,energy_pj,area_um2,power_mw,
// edp,num_pes,l1,l2,noc_bw,l1_size_req,l2_size_req,key,source,file; l1 / l2
// the buffer sizes the area is of), and pareto/*.m, one file per point in
// MAESTRO's grammar, named FrontPointFile (unique layer u, point k).
std::string ParetoCsv(const NetworkSearch& n, const Hardware& hw,
                      const SearchOptions& o);
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> FrontFiles(
    const NetworkSearch& n, const SearchOptions& o);
std::string FrontPointFile(size_t u, size_t k);
// The network's front (n.front) as CSV: point, latency_cycles, energy_pj,
// edp, picks (per unique layer in order, its pareto.csv point number).
std::string NetworkFrontCsv(const NetworkSearch& n);

// "" when the network's design (NetworkDesignOf) meets --constraint area /
// power, else what it misses (exit 1 follows).
std::string DesignLimitMessage(const NetworkSearch& n, const Hardware& hw,
                               const SearchOptions& o);

}  // namespace maestro::search

#endif  // MAESTRO_ONNX_SEARCH_REPORT_H_
