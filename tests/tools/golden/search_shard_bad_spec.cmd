search tests/frontend/data/small_net.onnx --shard 2/2
