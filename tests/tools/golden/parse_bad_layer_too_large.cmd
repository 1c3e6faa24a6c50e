parse tests/data/dsl/bad/layer_too_large.m
