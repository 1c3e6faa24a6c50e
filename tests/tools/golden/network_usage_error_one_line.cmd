models/alexnet.onnx --bogus
