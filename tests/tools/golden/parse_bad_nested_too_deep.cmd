parse tests/data/dsl/bad/nested_too_deep.m
