eval tests/data/maestro/inputs/mapping/t1_xpws_small.m --hw tests/data/hostile/nul_in_hw_name.m
