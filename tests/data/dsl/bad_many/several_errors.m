// Five errors in one file: parse reports all of them in one run.
Constant Tile 4;
Constant 7 8;
Network several {
  Layer L1 {
    Type: CONV
    Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10 }
    Dataflow {
      SpatialMap(1,1) K;
      TemporalMap(Tile,Tile) C;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),1) X;
    }
  }
  Layer L2 {
    Type: CONV
    Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, Q: 10 }
  }
  Layer L3 {
    Type: CONVOLUTION
    Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10 }
  }
  Layer L4 {
    Type: CONV
    Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10 }
    Dataflow {
      SpatialMap(1,1) K;
      TemporalMap(1,1) Z;
    }
  }
  Layer L5 {
    Type: CONV
    Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10 }
    Dataflow {
      SpatialMap(1,1) K;
      Cluster(512, P);
      TemporalMap(1,1) C;
    }
  }
  Layer L6 {
    Type: CONV
    Dimension { K: 16 }
  }
}
