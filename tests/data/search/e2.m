// Spec section 7's E2: CONV K=C=2, Y=X=4, R=S=3 (a model file, no Dataflow).
Network e2 {
  Layer e2 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 1, K: 2, C: 2, R: 3, S: 3, Y: 4, X: 4 }
  }
}
