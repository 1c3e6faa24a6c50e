search models/resnet18.onnx --layer 2 --strategy marvel --marvel-cap 2.5 --quiet
