// ShiDianNao-style output stationary dataflow (MAESTRO's yxp_os, older `shi`).
// Output rows are spread across clusters, 8 output columns across the 8 PEs
// of a cluster; each PE keeps its output while K, C and the window go by.
// Reference: Du et al., "ShiDianNao", ISCA 2015; MAESTRO yxp_os files.
// Adaptation: the X tile of a cluster holds the input columns of 8 outputs,
// (8-1)*stride + S, for any kernel and stride (MAESTRO's files hard-code
// 10 for 3x3 stride 2, 14 for 7x7 stride 2, 8 for 1x1). Fully-connected
// layers (X = 1) would leave 7 of 8 PEs idle, so FC spreads M (= Y) across
// clusters and 8 output features (K) across the PEs, C streaming in time.
Description: "ShiDianNao-style output stationary: output rows x 8 output columns"
Aliases: yxp_os shi output_stationary
Dataflow CONV TRCONV NGCONV {
  TemporalMap(1,1) K;
  TemporalMap(1,1) C;
  SpatialMap(Sz(R),1) Y;
  TemporalMap(7*Stride(X)+Sz(S), 8*Stride(X)) X;
  Cluster(8, P);
  SpatialMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}
Dataflow DSCONV {
  TemporalMap(1,1) C;
  SpatialMap(Sz(R),1) Y;
  TemporalMap(7*Stride(X)+Sz(S), 8*Stride(X)) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
  Cluster(8, P);
  SpatialMap(Sz(S),1) X;
}
Dataflow FC {
  SpatialMap(1,1) Y;
  TemporalMap(8,8) K;
  TemporalMap(1,1) C;
  Cluster(8, P);
  SpatialMap(1,1) K;
}
