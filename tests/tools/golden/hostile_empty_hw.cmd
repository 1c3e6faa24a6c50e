eval tests/data/maestro/inputs/mapping/t1_xpws_small.m --hw tests/data/hostile/empty_hw.m
