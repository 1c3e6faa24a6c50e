eval tests/data/exact/partial_s_stride.m --pes 2 --format csv
