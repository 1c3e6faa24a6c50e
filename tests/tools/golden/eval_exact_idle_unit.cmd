eval tests/data/exact/idle_unit.m --pes 2
