parse tests/data/dsl/bad/unknown_directive.m
