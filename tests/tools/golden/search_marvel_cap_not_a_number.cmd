search models/resnet18.onnx --layer 2 --strategy marvel --marvel-cap many --quiet
