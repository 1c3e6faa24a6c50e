tests/frontend/data/small_net.onnx --shard 0/2 --strict
