tests/frontend/data/small_net.onnx --dataflow tests/data/hostile/cluster_zero_by_expression.m
