eval tests/data/maestro/inputs/mapping/t2_kcpws_small.m --hw tests/data/maestro/inputs/hw/hw_tiny16.m --semantics maestro
