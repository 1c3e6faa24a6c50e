// MAESTRO: silently skips data when offset > size
Network bad {
Layer L1 {
Type: CONV
Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10 }
Dataflow {
SpatialMap(1,1) K;
TemporalMap(2,4) C;
}
}
}
