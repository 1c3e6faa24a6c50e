search tests/data/search/e1.m --hw tiny4 --strategy gamma-compat --spatial-rs rs --quiet
