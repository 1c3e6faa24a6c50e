parse tests/data/dsl/bad/library_duplicate_type.m
