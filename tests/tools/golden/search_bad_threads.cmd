search models/resnet18.onnx --layer 2 --threads -1 --quiet
