// a stride of 0
Network bad {
Layer L1 {
Type: CONV
Stride { X: 0, Y: 1 }
Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10 }
Dataflow {
SpatialMap(1,1) K;
TemporalMap(Sz(R),1) Y;
}
}
}
