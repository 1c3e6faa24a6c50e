layers tests/frontend/data/does_not_exist.onnx
