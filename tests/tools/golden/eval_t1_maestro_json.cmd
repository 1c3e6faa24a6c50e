eval tests/data/maestro/inputs/mapping/t1_xpws_small.m --hw tests/data/maestro/inputs/hw/hw_tiny4.m --semantics maestro --format json
