// dims whose product would overflow the cost engine's 64-bit counts
Network bad {
Layer L1 {
Type: CONV
Dimensions { K: 1048576, C: 1048576, R: 3, S: 3, Y: 1048576, X: 1048576 }
Dataflow {
SpatialMap(1,1) K;
}
}
}
