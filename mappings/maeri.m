// MAERI-style dataflow: "virtual neurons" of R x S PEs, one per output
// channel K, built from the reconfigurable reduction tree.
// Reference: Kwon et al., "MAERI", ASPLOS 2018; MAESTRO maeri template
// (ASCII form: Y'/X' written with a plain quote).
// Adaptation: a virtual neuron needs R*S PEs, so a layer with R*S larger
// than the PE count cannot be mapped (reported as an error for that layer).
// Depthwise layers use MAESTRO's dpt form.
Description: "MAERI-style: virtual neurons of R x S PEs, K across neurons"
Dataflow CONV TRCONV NGCONV FC {
  TemporalMap(1,1) C;
  SpatialMap(1,1) K;
  TemporalMap(1,1) Y';
  TemporalMap(1,1) X';
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
  Cluster(Sz(R), P);
  SpatialMap(1,1) Y;
  SpatialMap(1,1) R;
  Cluster(Sz(S), P);
  SpatialMap(1,1) X;
  SpatialMap(1,1) S;
}
Dataflow DSCONV {
  SpatialMap(1,1) C;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}
