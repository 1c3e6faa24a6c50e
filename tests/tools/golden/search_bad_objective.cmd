search tests/data/search/e2.m --hw tiny4 --objective speed
