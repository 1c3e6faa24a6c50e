models/resnet18.onnx --dataflow=nvdla --hw tiny4
