eval tests/data/maestro/inputs/mapping/example.m --hw tests/data/maestro/inputs/hw/hw_pe64.m --pes 128 --noc-latency 0
