parse tests/data/dsl/bad/offset_greater_than_size.m
