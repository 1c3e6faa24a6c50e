parse tests/data/maestro/inputs/mapping/t4_gemm_small.m --hw tiny16
