// a CONV layer without C
Network bad {
Layer L1 {
Type: CONV
Dimensions { K: 16, R: 3, S: 3, Y: 10, X: 10 }
Dataflow {
SpatialMap(1,1) K;
TemporalMap(Sz(R),1) Y;
}
}
}
