parse tests/data/dsl/bad/text_after_network.m
