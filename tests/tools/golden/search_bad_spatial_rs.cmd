search tests/data/search/e1.m --hw tiny4 --spatial-rs yes --quiet
