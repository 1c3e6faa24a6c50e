layers tests/frontend/data/cycle.onnx
