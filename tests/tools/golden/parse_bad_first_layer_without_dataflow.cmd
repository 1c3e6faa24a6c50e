parse tests/data/dsl/bad/first_layer_without_dataflow.m
