layers tests/frontend/data/not_onnx.txt
