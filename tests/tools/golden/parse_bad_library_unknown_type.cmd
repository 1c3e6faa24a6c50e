parse tests/data/dsl/bad/library_unknown_type.m
