eval tests/data/hostile/bom.m
