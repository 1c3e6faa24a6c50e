parse tests/data/dsl/bad/misspelt_field.m
