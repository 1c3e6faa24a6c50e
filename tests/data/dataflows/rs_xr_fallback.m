// Test fixture: vgg16_rs's row-stationary variant with the filter rows beside
// the output columns (SpatialMap X; SpatialMap R), a Y/R pair that is not
// row-stationary: exact semantics takes the approximate fallback for it.
Description: "test: X/R spatial pair (exact-semantics fallback)"
Dataflow CONV TRCONV NGCONV FC {
  TemporalMap(2,2) K;
  TemporalMap(3,3) C;
  TemporalMap(Sz(R),Sz(R)) R;
  SpatialMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  Cluster(Sz(R),P);
  SpatialMap(1,1) X;
  SpatialMap(1,1) R;
  TemporalMap(Sz(S),Sz(S)) S;
}
Dataflow DSCONV {
  SpatialMap(1,1) C;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}
