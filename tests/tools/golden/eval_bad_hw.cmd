eval tests/data/maestro/inputs/mapping/t1_xpws_small.m --hw no_such_preset
