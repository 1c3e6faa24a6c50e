layers tests/frontend/data/small_net.onnx --input-shape input=1xAx16x16
