parse tests/data/dsl/bad/dimension_not_for_type.m
