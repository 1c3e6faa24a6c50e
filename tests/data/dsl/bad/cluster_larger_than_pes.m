// MAESTRO: SIGFPE (0 top-level units) when the clusters hold more PEs than the array
Network bad {
Layer L1 {
Type: CONV
Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10 }
Dataflow {
SpatialMap(1,1) K;
Cluster(512,P);
SpatialMap(1,1) C;
}
}
}
