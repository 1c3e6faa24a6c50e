// X-partitioned weight stationary dataflow (MAESTRO's xp_ws, older `ws`).
// Output columns are spread across all PEs; each PE keeps an R x S filter
// slice of one (K, C) pair while rows slide by in time.
// Reference: MAESTRO xp_ws template.
// Adaptation: depthwise layers drop the K loop (MAESTRO's DSCONV form);
// fully-connected layers (X = 1) spread M (= Y) instead of X, since X = 1
// would use a single PE.
Description: "X-partitioned weight stationary: output columns across all PEs"
Aliases: ws
Dataflow CONV TRCONV NGCONV {
  TemporalMap(1,1) K;
  TemporalMap(1,1) C;
  TemporalMap(Sz(R),1) Y;
  SpatialMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}
Dataflow DSCONV {
  TemporalMap(1,1) C;
  TemporalMap(Sz(R),1) Y;
  SpatialMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}
Dataflow FC {
  TemporalMap(1,1) K;
  TemporalMap(1,1) C;
  SpatialMap(1,1) Y;
}
