// Sz() of something that is not a dimension
Network bad {
Layer L1 {
Type: CONV
Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10 }
Dataflow {
SpatialMap(Sz(Q),1) K;
}
}
}
