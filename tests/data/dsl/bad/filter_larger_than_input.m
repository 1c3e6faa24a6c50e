// R larger than Y
Network bad {
Layer L1 {
Type: CONV
Dimensions { K: 16, C: 8, R: 5, S: 5, Y: 3, X: 3 }
Dataflow {
SpatialMap(1,1) K;
TemporalMap(Sz(R),1) Y;
}
}
}
