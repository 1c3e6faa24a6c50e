// Two maps on M at one level, the later one tiling the earlier one's tile:
// a valid loop nest outside the loop-nest analysis (the exact numbers are
// approximate, and every output format says so).
Network T {
  Layer L1 {
    Type: GEMM
    Dimensions { M: 8, N: 4, K: 4 }
    Dataflow {
      TemporalMap(4,4) M;
      SpatialMap(1,1) N;
      TemporalMap(2,2) M;
    }
  }
}
