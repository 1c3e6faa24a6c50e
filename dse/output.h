// The outputs of `maestro-onnx dse`: the table, the JSON (schema
// docs/dse.schema.json), pareto.csv, the best design as a hardware file of
// ours (best-hw.json) and as MAESTRO's hardware `.m` (best-hw.m).
//
// Example:
//   WriteDseTable(problem, options, result, std::cout);
//   nlohmann::ordered_json j = DseToJson(problem, options, result);
//   std::string csv = ParetoCsv(result);
//   Hardware best = ApplyPoint(problem.base, result.best.hw);
//   std::string ours = HardwareFileJson(best);   // `--hw` reads it back
//   std::string theirs = MaestroHardwareText(best);
#ifndef MAESTRO_ONNX_DSE_OUTPUT_H_
#define MAESTRO_ONNX_DSE_OUTPUT_H_

#include <ostream>
#include <string>

#include "dse/dse.h"
#include "nlohmann/json.hpp"

namespace maestro::dse {

// A point as JSON: pes, l1_size, l2_size, noc_bw, offchip_bw (the hardware
// files' names and units; `pes` is the files' num_pes), runtime_cycles,
// energy_pj, edp, area_um2, power_mw, l1_size_req, l2_size_req, feasible.
nlohmann::ordered_json PointToJson(const DesignPoint& p);

// "maestro-onnx.dse" schema_version 1. Timing fields (listed in
// "timing_fields") depend on the machine, everything else only on the
// inputs.
nlohmann::ordered_json DseToJson(const DseProblem& problem,
                                 const DseOptions& options,
                                 const DseResult& result);
// DseToJson in two pieces, for merging shards (sharding/dse_shard.h): the
// head (schema, config, base_hardware), then the result's fields appended
// (best_hardware: the best point's hardware as HardwareToJson writes it).
nlohmann::ordered_json DseHeadJson(const DseProblem& problem,
                                   const DseOptions& options);
void AppendDseResultJson(const DseResult& result,
                         const nlohmann::ordered_json& best_hardware,
                         nlohmann::ordered_json& j);

// The ranked best points, the Pareto front and a legend.
void WriteDseTable(const DseProblem& problem, const DseOptions& options,
                   const DseResult& result, std::ostream& os);

// runtime_cycles,energy_pj,area_um2,power_mw,edp,pes,l1_size,l2_size,
// noc_bw,offchip_bw: one line per front point, in the front's order.
std::string ParetoCsv(const DseResult& result);

// Our hardware JSON file (docs/hardware.md): every key, `--hw` reads it.
std::string HardwareFileJson(const Hardware& hw);
// MAESTRO's hardware `.m` keys (num_pes, l1_size_cstr, l2_size_cstr,
// noc_bw_cstr, offchip_bw_cstr, NoC_NumHops); the energy table, SIMD
// lanes and element width are not in MAESTRO's form (our `--hw` takes the
// defaults for them from a `.m` file).
std::string MaestroHardwareText(const Hardware& hw);

}  // namespace maestro::dse

#endif  // MAESTRO_ONNX_DSE_OUTPUT_H_
