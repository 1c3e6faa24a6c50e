// No-local-reuse dataflow (MAESTRO's nlr; DianNao-like).
// C is spread across all PEs (a spatial reduction); nothing stays in a PE
// between steps, every operand comes from the shared buffer.
// Reference: MAESTRO nlr files; Chen et al., "DianNao", ASPLOS 2014.
// Adaptation: depthwise layers have no K loop (MAESTRO's DSCONV form).
Description: "No local reuse: C across all PEs, every operand from the shared buffer"
Aliases: no_local_reuse
Dataflow CONV TRCONV NGCONV FC {
  TemporalMap(1,1) K;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
  SpatialMap(1,1) C;
}
Dataflow DSCONV {
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
  SpatialMap(1,1) C;
}
