parse tests/data/dsl/bad/unknown_type.m
