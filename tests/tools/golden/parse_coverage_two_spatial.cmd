parse tests/data/exact/two_spatial.m --pes 4
