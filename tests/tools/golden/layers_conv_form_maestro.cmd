layers tests/frontend/data/extra/strided_dilated.onnx --conv-form maestro
