parse tests/data/dsl/bad/undefined_constant.m
