parse tests/data/maestro/inputs/mapping/t3_xpws_stride2.m
