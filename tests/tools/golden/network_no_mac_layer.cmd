tests/frontend/data/no_mac_layer.onnx
