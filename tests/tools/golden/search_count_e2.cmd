search tests/data/search/e2.m --hw tiny4 --levels 2 --tiles divisors --count
