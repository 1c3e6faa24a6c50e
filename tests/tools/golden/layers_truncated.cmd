layers tests/frontend/data/truncated.onnx
