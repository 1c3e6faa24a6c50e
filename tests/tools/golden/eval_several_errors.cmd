eval tests/data/dsl/bad_many/several_errors.m
