parse tests/data/dsl/no_such_file.m
