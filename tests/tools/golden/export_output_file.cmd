export models/alexnet.onnx -o /dev/null
