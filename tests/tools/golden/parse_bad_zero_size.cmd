parse tests/data/dsl/bad/zero_size.m
