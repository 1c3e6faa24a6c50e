parse tests/data/exact/gap_y.m
