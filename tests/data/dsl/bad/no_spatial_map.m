// MAESTRO exits: a cluster level without a SpatialMap
Network bad {
Layer L1 {
Type: CONV
Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10 }
Dataflow {
SpatialMap(1,1) K;
Cluster(4,P);
TemporalMap(1,1) C;
}
}
}
