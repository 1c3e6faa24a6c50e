// library: unterminated description
Description: "weight stationary
Dataflow CONV {
  SpatialMap(1,1) K;
}
