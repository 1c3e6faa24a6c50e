dse models/resnet18.onnx --strategy cosearch --budget 0
