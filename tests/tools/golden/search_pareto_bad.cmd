search models/resnet18.onnx --layer 2 --objective pareto:latency,latency --quiet
