search tests/data/search/e1.m --hw tiny4 --levels 1 --spatial-rs cospatial --count
