// Spec section 7's E1: CONV K=C=4, Y=X=4, R=S=3 (a model file, no Dataflow).
Network e1 {
  Layer e1 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 1, K: 4, C: 4, R: 3, S: 3, Y: 4, X: 4 }
  }
}
