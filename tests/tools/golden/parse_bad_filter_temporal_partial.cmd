parse tests/data/dsl/bad/filter_temporal_partial.m
