// no Network block
Constant T 4;
