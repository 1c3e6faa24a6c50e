dse models/resnet18.onnx --strategy annealing
