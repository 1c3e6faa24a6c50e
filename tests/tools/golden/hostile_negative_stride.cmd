eval tests/data/hostile/negative_stride.m
