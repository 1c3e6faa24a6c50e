eval tests/data/exact/nested_maps.m --pes 4 --format csv
