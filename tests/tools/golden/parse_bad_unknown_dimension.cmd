parse tests/data/dsl/bad/unknown_dimension.m
