// library: a type in two blocks
Description: "x"
Dataflow CONV {
  SpatialMap(1,1) K;
}
Dataflow DSCONV CONV {
  SpatialMap(1,1) C;
}
