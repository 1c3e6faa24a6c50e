// MAESTRO: crash on a directive naming a dim the layer lacks
Network bad {
Layer L1 {
Type: CONV
Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10 }
Dataflow {
SpatialMap(1,1) K;
TemporalMap(1,1) N;
}
}
}
