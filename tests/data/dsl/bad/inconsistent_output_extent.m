// Y' that does not match Y, R and the stride
Network bad {
Layer L1 {
Type: CONV
Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, Y': 9, X: 10 }
Dataflow {
SpatialMap(1,1) K;
TemporalMap(Sz(R),1) Y;
}
}
}
