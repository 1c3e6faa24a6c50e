parse tests/data/dsl/bad/missing_dimension.m
