parse tests/data/dsl/bad/inconsistent_output_extent.m
