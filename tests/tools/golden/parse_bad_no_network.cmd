parse tests/data/dsl/bad/no_network.m
