merge tests/data/sharding/search_small_net_0_of_2.json tests/data/sharding/search_small_net_1_of_2.json tests/data/sharding/network_small_net_0_of_1.json
