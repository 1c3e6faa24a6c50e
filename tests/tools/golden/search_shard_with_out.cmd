search tests/frontend/data/small_net.onnx --shard 0/2 --out /tmp/never
