eval tests/data/hostile/negative_k.m
