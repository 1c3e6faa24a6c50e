dse models/resnet18.onnx --strategy rl-ga --budget 100 --budget-fraction 0
