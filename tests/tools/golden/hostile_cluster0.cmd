tests/frontend/data/small_net.onnx --dataflow tests/data/hostile/cluster0_dataflow.m
