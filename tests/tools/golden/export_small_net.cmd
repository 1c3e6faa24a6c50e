export tests/frontend/data/small_net.onnx
