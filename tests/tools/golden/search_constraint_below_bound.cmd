search models/resnet18.onnx --layer 2 --constraint 'latency<=1000' --quiet
