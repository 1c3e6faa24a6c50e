eval tests/data/exact/gap_y.m --pes 1 --semantics maestro
