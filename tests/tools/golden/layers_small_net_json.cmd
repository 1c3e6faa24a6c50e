layers tests/frontend/data/small_net.onnx --format json
