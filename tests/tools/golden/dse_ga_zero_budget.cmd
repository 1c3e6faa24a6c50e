dse models/resnet18.onnx --strategy ga --budget 0
