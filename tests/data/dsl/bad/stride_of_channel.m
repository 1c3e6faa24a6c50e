// Stride() takes Y or X
Network bad {
Layer L1 {
Type: CONV
Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10 }
Dataflow {
SpatialMap(Stride(K),1) K;
}
}
}
