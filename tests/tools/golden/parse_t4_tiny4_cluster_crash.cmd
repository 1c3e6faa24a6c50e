parse tests/data/maestro/inputs/mapping/t4_gemm_small.m --hw tests/data/maestro/inputs/hw/hw_tiny4.m
