export tests/frontend/data/extra/strided_dilated.onnx
