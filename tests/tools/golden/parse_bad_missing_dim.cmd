parse tests/data/dsl/bad/missing_dim.m
