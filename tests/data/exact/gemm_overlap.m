// Overlapping tiles: TemporalMap(2,1) M computes M rows 1 and 2 twice.
Network T {
  Layer L1 {
    Type: GEMM
    Dimensions { M: 4, N: 2, K: 2 }
    Dataflow {
      TemporalMap(2,1) M;
      SpatialMap(1,1) N;
    }
  }
}
