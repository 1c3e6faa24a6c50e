parse tests/data/dsl/bad/number_too_large.m
