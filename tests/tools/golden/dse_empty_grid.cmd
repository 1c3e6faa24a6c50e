dse models/resnet18.onnx --sweep ''
