// library: unknown layer type
Description: "x"
Dataflow CONV POOL {
  SpatialMap(1,1) K;
}
