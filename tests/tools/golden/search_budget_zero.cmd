search models/resnet18.onnx --budget evals=0
