// MAESTRO: at most two SpatialMaps per level
Network bad {
Layer L1 {
Type: CONV
Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10 }
Dataflow {
SpatialMap(1,1) K;
SpatialMap(1,1) C;
SpatialMap(1,1) X;
}
}
}
