models/resnet18.onnx --dataflow nvdla --wide
