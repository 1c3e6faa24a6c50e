parse tests/data/dsl/bad/no_spatial_map.m
