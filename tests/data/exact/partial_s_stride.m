// A partial S tile narrower than the stride over several output columns
// (issue 8): with --pes 2 the schedule moves 4 input elements into the PEs,
// 2 outputs up, takes 3 cycles and needs 10 / 16 elements of L1 / L2.
Network T {
  Layer L1 {
    Type: CONV
    Stride { X: 2, Y: 1 }
    Dimensions { K: 1, C: 1, R: 1, S: 2, Y: 1, X: 4 }
    Dataflow {
      SpatialMap(1,1) S;
    }
  }
}
