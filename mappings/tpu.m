// TPU-style weight stationary square systolic array (Jouppi et al., ISCA 2017).
// A 16 x 16 block of weights (16 output channels K across the columns,
// 16 input channels C down the rows) stays in the array while every
// activation of the layer streams through it; partial sums flow down the
// columns and leave at the bottom.
// Adaptation: the array side is 16 (256 PEs); with fewer PEs the top level
// has fewer columns. Each PE covers the whole R x S window of its (K, C)
// pair in time (the TPU's im2col unrolls it onto rows instead: same MACs,
// fewer rows used per weight load here). Depthwise layers use one channel
// per column (dpt form).
Description: "TPU-style weight stationary 16x16 systolic array: C x K weight block, activations streaming"
Aliases: systolic
Dataflow CONV TRCONV NGCONV FC {
  SpatialMap(1,1) K;
  TemporalMap(16,16) C;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  Cluster(16, P);
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
