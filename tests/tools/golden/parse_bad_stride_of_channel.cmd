parse tests/data/dsl/bad/stride_of_channel.m
