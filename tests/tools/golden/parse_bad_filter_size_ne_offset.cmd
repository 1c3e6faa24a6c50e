parse tests/data/dsl/bad/filter_size_ne_offset.m
