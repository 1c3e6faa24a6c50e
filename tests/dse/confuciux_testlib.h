// Problems the ConfuciuX tests share: ConfuciuX's 2-layer example.csv
// (K,C,Y,X,R,S = 64,32,56,56,3,3 and 128,64,56,56,3,3, CONV) on a given
// dataflow, and the exhaustive optimum of a space.
//
// Example:
//   DseProblem p = ExampleProblem("shidiannao");
//   Assignment best = ExhaustiveBest(space);
#ifndef MAESTRO_ONNX_TESTS_DSE_CONFUCIUX_TESTLIB_H_
#define MAESTRO_ONNX_TESTS_DSE_CONFUCIUX_TESTLIB_H_

#include <string>

#include "core/hardware.h"
#include "dse/confuciux/action_table.h"
#include "dse/dse.h"
#include "tests/core/layers_testlib.h"

namespace maestro::dse::confuciux {

inline DseProblem ExampleProblem(const std::string& dataflow) {
  DseProblem p;
  p.name = "example";
  p.dataflow = dataflow;
  p.base = *HardwarePreset("pe256");
  for (const Layer& l : {test_support::Conv("layer0", 64, 32, 56, 3),
                         test_support::Conv("layer1", 128, 64, 56, 3)}) {
    JobLayer jl;
    jl.layer = l;
    jl.node = l.name;
    p.layers.push_back(jl);
  }
  return p;
}

// The best assignment of a 2-layer space by brute force (every one of the
// 144^2 assignments costed), under AssignmentSpace::Better.
inline Assignment ExhaustiveBest(const AssignmentSpace& s) {
  Assignment best, a(2);
  AssignmentCost best_cost;
  for (int i = 0; i < kActions; ++i) {
    for (int j = 0; j < kActions; ++j) {
      a[0] = static_cast<uint8_t>(i);
      a[1] = static_cast<uint8_t>(j);
      const AssignmentCost c = s.Cost(a);
      if (best.empty() || s.Better(c, a, best_cost, best)) {
        best = a;
        best_cost = c;
      }
    }
  }
  return best;
}

}  // namespace maestro::dse::confuciux

#endif  // MAESTRO_ONNX_TESTS_DSE_CONFUCIUX_TESTLIB_H_
