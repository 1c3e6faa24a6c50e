// Output rows 1 and 3 are never computed: TemporalMap(3,2) Y with R = 3 is
// one output row a step advancing by two (issue 8).
Network T {
  Layer L1 {
    Type: CONV
    Dimensions { K: 1, C: 1, R: 3, S: 1, Y: 6, X: 1 }
    Dataflow {
      TemporalMap(3,2) Y;
      SpatialMap(1,1) K;
    }
  }
}
