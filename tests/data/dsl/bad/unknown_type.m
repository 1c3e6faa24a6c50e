// a layer type MAESTRO's analysis rejects
Network bad {
Layer L1 {
Type: FC
Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10 }
Dataflow {
SpatialMap(1,1) K;
TemporalMap(Sz(R),1) Y;
}
}
}
