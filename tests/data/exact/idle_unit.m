// An idle top-level unit (one output row over two clusters) above a partial
// S tile narrower than the stride (issue 8): a PE needs 22 elements of L1.
Network T {
  Layer L1 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 1, R: 3, S: 2, Y: 4, X: 4 }
    Dataflow {
      SpatialMap(1,1) Y';
      Cluster(1, P);
      SpatialMap(1,1) S;
    }
  }
}
