parse tests/data/maestro/inputs/mapping/t1_xpws_small.m --check --hw no_such_preset
