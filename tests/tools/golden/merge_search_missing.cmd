merge tests/data/sharding/search_small_net_0_of_2.json
