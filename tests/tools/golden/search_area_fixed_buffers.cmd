search models/resnet18.onnx --layer 2 --objective area --quiet
