parse tests/data/dsl/bad/unclosed_dataflow.m
