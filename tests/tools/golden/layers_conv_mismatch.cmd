layers tests/frontend/data/conv_mismatch.onnx
