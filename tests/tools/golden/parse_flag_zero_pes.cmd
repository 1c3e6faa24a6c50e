parse tests/data/maestro/inputs/mapping/t1_xpws_small.m --check --pes 0
