parse tests/data/dsl/bad/zero_stride.m
