models/alexnet.onnx --dataflow=all --objective energy
