eval tests/data/maestro/inputs/mapping/t1_xpws_small.m --hw tiny16 --pes 8 --l1-size 64 --l2-size 512 --noc-bw 2 --noc-latency 2 --offchip-bw 8 --simd 2 --format csv
