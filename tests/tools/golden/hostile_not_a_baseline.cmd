tests/frontend/data/small_net.onnx --baseline tests/data/hostile/not_a_baseline.json -o /dev/null
