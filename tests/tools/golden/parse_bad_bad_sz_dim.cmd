parse tests/data/dsl/bad/bad_sz_dim.m
