// a CONV dimension in a GEMM layer
Network bad {
Layer L1 {
Type: GEMM
Dimensions { M: 4, N: 4, K: 4, C: 2 }
Dataflow {
SpatialMap(1,1) M;
}
}
}
