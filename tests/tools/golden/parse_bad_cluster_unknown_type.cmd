parse tests/data/dsl/bad/cluster_unknown_type.m
