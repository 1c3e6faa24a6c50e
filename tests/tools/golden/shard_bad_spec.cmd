tests/frontend/data/small_net.onnx --shard 3/3
