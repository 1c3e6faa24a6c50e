// Two SpatialMaps advance together with the unit index: unit u takes K
// tile u and C tile u, so only the K = C points are computed.
Network T {
  Layer L1 {
    Type: CONV
    Dimensions { K: 4, C: 4, R: 1, S: 1, Y: 2, X: 2 }
    Dataflow {
      SpatialMap(1,1) K;
      SpatialMap(1,1) C;
    }
  }
}
