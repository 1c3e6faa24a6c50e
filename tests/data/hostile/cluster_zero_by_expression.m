// NVDLA-style weight stationary dataflow (MAESTRO's kcp_ws, older name `dla`).
// K is spread across clusters, C across the 64 PEs of a cluster; each PE keeps
// one R x S filter slice while the input window slides over Y and X.
// Reference: NVDLA hardware architecture (nvdla.org); MAESTRO kcp_ws template.
// Adaptation: C < 64 leaves PEs of a cluster idle (as on the real array);
// depthwise layers use MAESTRO's dpt form (C spatial, the window in time);
// fully-connected layers (FC: Y = M, X = 1, R = S = 1) run the CONV form.
Description: "NVDLA-style weight stationary: K across clusters, C across 64 PEs per cluster"
Aliases: kcp_ws dla
Dataflow CONV TRCONV NGCONV FC {
  SpatialMap(1,1) K;
  TemporalMap(64,64) C;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  Cluster(Sz(K)-Sz(K), P);
  SpatialMap(1,1) C;
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
