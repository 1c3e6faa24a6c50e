parse tests/data/maestro/inputs/mapping/t1_xpws_small.m --hw tests/data/dsl/hw/example.json
