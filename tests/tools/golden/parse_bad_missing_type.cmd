parse tests/data/dsl/bad/missing_type.m
