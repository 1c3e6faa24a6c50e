layers models/resnet18.onnx
