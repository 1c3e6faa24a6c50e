tests/frontend/data/small_net.onnx --pes 99999999999999999999
