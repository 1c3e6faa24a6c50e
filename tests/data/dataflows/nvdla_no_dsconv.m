// Test fixture: nvdla without its DSCONV block, so depthwise layers are not
// costed (the comparison must not rank it above a complete dataflow).
Description: "test: nvdla without a DSCONV block"
Dataflow CONV TRCONV NGCONV FC {
  SpatialMap(1,1) K;
  TemporalMap(64,64) C;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  Cluster(64, P);
  SpatialMap(1,1) C;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}
