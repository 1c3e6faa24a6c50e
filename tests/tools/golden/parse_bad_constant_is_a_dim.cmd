parse tests/data/dsl/bad/constant_is_a_dim.m
