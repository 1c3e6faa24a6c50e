merge tests/data/hostile/not_a_baseline.json
