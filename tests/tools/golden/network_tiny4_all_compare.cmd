models/resnet18.onnx --dataflow=all --hw tiny4
