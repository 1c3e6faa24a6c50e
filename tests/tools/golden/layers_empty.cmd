layers tests/frontend/data/empty.onnx
