Network n {
Layer L {
Type: CONV
Stride { X: -1 }
Dimensions { K: 4, C: 4, R: 3, S: 3, Y: 8, X: 8 }
Dataflow {
SpatialMap(1,1) K;
TemporalMap(1,1) C;
TemporalMap(Sz(R),Sz(R)) R;
TemporalMap(Sz(S),Sz(S)) S;
TemporalMap(Sz(R),1) Y;
TemporalMap(Sz(S),1) X;
}
}
}
