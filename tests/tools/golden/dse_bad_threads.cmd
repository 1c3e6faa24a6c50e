dse models/resnet18.onnx --threads -2 --quiet
