tests/frontend/data/small_net.onnx --input-shape input=1x3x99999999999999x224
