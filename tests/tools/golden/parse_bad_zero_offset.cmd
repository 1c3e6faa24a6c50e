parse tests/data/dsl/bad/zero_offset.m
