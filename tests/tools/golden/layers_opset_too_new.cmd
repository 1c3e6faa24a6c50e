layers tests/frontend/data/opset99.onnx
