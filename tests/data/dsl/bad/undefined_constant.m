// an unknown name in an expression
Network bad {
Layer L1 {
Type: CONV
Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10 }
Dataflow {
SpatialMap(Tile,Tile) K;
}
}
}
