eval tests/data/exact/gemm_overlap.m --pes 2
