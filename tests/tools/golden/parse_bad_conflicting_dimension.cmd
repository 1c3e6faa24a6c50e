parse tests/data/dsl/bad/conflicting_dimension.m
