// Eyeriss-style row stationary dataflow (MAESTRO's rs frontend template).
// Output rows Y' are spread across clusters of R PEs; inside a cluster PE i
// holds filter row i and input row y+i (Y and R spatially mapped together),
// and accumulates one output row; C and K (16 at a time) are walked in time.
// Reference: Chen et al., "Eyeriss", ISCA 2016; MAESTRO rs template.
// Adaptation: stride is handled by the output-row directives (Y' -> Y);
// depthwise layers use MAESTRO's dpt form (as MAESTRO's generator does).
Description: "Eyeriss-style row stationary: output rows across clusters of R PEs"
Aliases: rs row_stationary
Dataflow CONV TRCONV NGCONV FC {
  SpatialMap(1,1) Y';
  TemporalMap(1,1) X';
  TemporalMap(1,1) C;
  TemporalMap(16,16) K;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
  Cluster(Sz(R), P);
  SpatialMap(1,1) Y;
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
