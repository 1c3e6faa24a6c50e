parse tests/data/maestro/inputs/mapping/t1_xpws_small.m --check --hw tests/data/dsl/bad_hw/bad_value.m
