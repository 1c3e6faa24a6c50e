parse tests/data/dsl/bad/cluster_larger_than_pes.m
