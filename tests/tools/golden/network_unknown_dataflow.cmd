models/alexnet.onnx --dataflow=foo
