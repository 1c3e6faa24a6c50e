parse tests/data/maestro/inputs/mapping/t2_kcpws_small.m --check --hw pe64 --pes 16 --l1-size 64 --l2-size 4096 --noc-bw 8 --noc-latency 0 --offchip-bw 4 --simd 2
