layers tests/frontend/data/zeros.onnx
