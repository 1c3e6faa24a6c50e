eval tests/data/maestro/inputs/mapping/t1_xpws_small.m --hw tiny4 --pes 0
