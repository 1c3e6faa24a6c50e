parse tests/data/dsl/bad/tile_smaller_than_filter.m
