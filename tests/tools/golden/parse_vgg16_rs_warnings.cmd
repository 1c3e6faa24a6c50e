parse tests/data/maestro/inputs/mapping/vgg16_rs.m --check --pes 64 --noc-latency 2
