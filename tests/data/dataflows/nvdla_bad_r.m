// Test fixture: nvdla with a partial temporal R tile, which every layer
// rejects (R must be covered whole): each error must name its own layer.
Description: "test: nvdla with TemporalMap(2,2) R"
Dataflow CONV TRCONV NGCONV FC {
  SpatialMap(1,1) K;
  TemporalMap(64,64) C;
  TemporalMap(2,2) R;
  TemporalMap(Sz(S),Sz(S)) S;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  Cluster(64, P);
  SpatialMap(1,1) C;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(2,2) R;
  TemporalMap(Sz(S),Sz(S)) S;
}
Dataflow DSCONV {
  SpatialMap(1,1) C;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(2,2) R;
  TemporalMap(Sz(S),Sz(S)) S;
}
