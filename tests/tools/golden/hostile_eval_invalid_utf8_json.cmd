eval tests/data/hostile/invalid_utf8_name.m --format json
