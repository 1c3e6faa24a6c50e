dse models/resnet18.onnx --strategy rl-ga --budget 0
