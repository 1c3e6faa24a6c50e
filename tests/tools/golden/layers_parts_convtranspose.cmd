layers tests/frontend/data/extra/convtranspose_decoder.onnx
