// MAESTRO's check: tile size of R must equal its offset (the *_ykp_os files)
Network bad {
Layer L1 {
Type: CONV
Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 10, X: 10 }
Dataflow {
SpatialMap(1,1) K;
TemporalMap(Sz(R),7) R;
}
}
}
