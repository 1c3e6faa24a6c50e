search tests/frontend/data/small_net.onnx --budget evals=50 -o /tmp/never.json
