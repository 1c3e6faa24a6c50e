parse tests/data/dsl/bad/filter_larger_than_input.m
