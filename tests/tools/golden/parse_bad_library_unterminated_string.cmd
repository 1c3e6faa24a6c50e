parse tests/data/dsl/bad/library_unterminated_string.m
