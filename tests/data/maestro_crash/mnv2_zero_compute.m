// MobileNet-V2 layers of a search's best.m under maestro semantics with
// --spatial-rs cospatial (before the search refused such mappings): MAESTRO
// 4eb08d1 dies of SIGFPE on layers 1 and 2 of this file (a top-level case
// computes nothing and MAESTRO divides by its compute delay); it runs
// layers 0 and 3.
Network mnv2_zero_compute {
	Layer /features/features.0/features.0.0/Conv {
		Type: CONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 1, K: 32, C: 3, R: 3, S: 3, Y: 226, X: 226 }
		Dataflow {
			SpatialMap(1,1) K;
			TemporalMap(9,8) Y;
			TemporalMap(3,3) C;
			TemporalMap(225,224) X;
			TemporalMap(Sz(R),Sz(R)) R;
			TemporalMap(Sz(S),Sz(S)) S;
			Cluster(8,P);
			TemporalMap(3,2) Y;
			SpatialMap(3,2) X;
			TemporalMap(1,1) C;
			TemporalMap(1,1) K;
			TemporalMap(Sz(R),Sz(R)) R;
			TemporalMap(Sz(S),Sz(S)) S;
		}
	}

	Layer /features/features.1/conv/conv.0/conv.0.0/Conv {
		Type: DSCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 1, K: 1, C: 32, R: 3, S: 3, Y: 114, X: 114 }
		Dataflow {
			SpatialMap(2,2) X;
			SpatialMap(2,2) S;
			TemporalMap(6,4) Y;
			TemporalMap(8,8) C;
			TemporalMap(Sz(R),Sz(R)) R;
			Cluster(3,P);
			TemporalMap(4,2) X;
			SpatialMap(3,1) Y;
			TemporalMap(1,1) C;
			TemporalMap(Sz(R),Sz(R)) R;
			TemporalMap(Sz(S),Sz(S)) S;
			Cluster(3,P);
			TemporalMap(3,1) X;
			TemporalMap(1,1) C;
			TemporalMap(3,1) Y;
			SpatialMap(1,1) R;
			TemporalMap(Sz(S),Sz(S)) S;
		}
	}

	Layer /features/features.3/conv/conv.1/conv.1.0/Conv {
		Type: DSCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 1, K: 1, C: 144, R: 3, S: 3, Y: 58, X: 58 }
		Dataflow {
			TemporalMap(135,135) C;
			SpatialMap(1,1) Y;
			SpatialMap(1,1) R;
			TemporalMap(58,56) X;
			TemporalMap(Sz(S),Sz(S)) S;
			Cluster(4,P);
			TemporalMap(35,33) X;
			SpatialMap(3,1) Y;
			TemporalMap(1,1) C;
			TemporalMap(Sz(R),Sz(R)) R;
			TemporalMap(Sz(S),Sz(S)) S;
			Cluster(4,P);
			SpatialMap(16,14) X;
			TemporalMap(1,1) C;
			TemporalMap(3,1) Y;
			TemporalMap(Sz(R),Sz(R)) R;
			TemporalMap(Sz(S),Sz(S)) S;
		}
	}

	Layer /features/features.1/conv/conv.1/Conv {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 1, K: 16, C: 32, R: 1, S: 1, Y: 112, X: 112 }
		Dataflow {
			TemporalMap(6,6) X;
			TemporalMap(25,25) Y;
			SpatialMap(1,1) K;
			TemporalMap(32,32) C;
			TemporalMap(Sz(R),Sz(R)) R;
			TemporalMap(Sz(S),Sz(S)) S;
			Cluster(16,P);
			TemporalMap(22,22) Y;
			SpatialMap(1,1) C;
			TemporalMap(3,3) X;
			TemporalMap(1,1) K;
			TemporalMap(Sz(R),Sz(R)) R;
			TemporalMap(Sz(S),Sz(S)) S;
		}
	}
}
