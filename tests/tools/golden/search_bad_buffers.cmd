search models/resnet18.onnx --layer 2 --buffers huge --quiet
