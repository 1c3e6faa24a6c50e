// Y- and K-partitioned output stationary dataflow (MAESTRO's ykp_os, older `os`).
// Output rows are spread across clusters, 16 output channels across the 16
// PEs of a cluster; C and the window go by in time.
// Reference: MAESTRO ykp_os template.
// Adaptation: MAESTRO's files write TemporalMap(Sz(R),7) R, which its own
// parser rejects unless R = 7; here R and S are covered whole. Depthwise
// layers use MAESTRO's dpt form.
Description: "Output stationary: output rows across clusters, 16 K per cluster"
Aliases: os
Dataflow CONV TRCONV NGCONV FC {
  TemporalMap(16,16) K;
  SpatialMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(1,1) C;
  Cluster(16, P);
  SpatialMap(1,1) K;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}
Dataflow DSCONV {
  SpatialMap(1,1) C;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}
