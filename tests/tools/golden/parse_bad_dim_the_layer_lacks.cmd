parse tests/data/dsl/bad/dim_the_layer_lacks.m
