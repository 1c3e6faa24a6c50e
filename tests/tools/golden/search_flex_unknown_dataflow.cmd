search models/resnet18.onnx --flex foo:tile --quiet
