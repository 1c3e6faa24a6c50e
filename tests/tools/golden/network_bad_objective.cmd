models/alexnet.onnx --dataflow=all --objective speed
