parse tests/data/dsl/bad/zero_dimension.m
