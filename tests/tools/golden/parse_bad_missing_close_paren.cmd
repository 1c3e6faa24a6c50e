parse tests/data/dsl/bad/missing_close_paren.m
