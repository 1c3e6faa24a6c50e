parse tests/data/dsl/bad/three_spatial_maps.m
