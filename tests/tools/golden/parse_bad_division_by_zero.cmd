parse tests/data/dsl/bad/division_by_zero.m
