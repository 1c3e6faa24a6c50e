search models/resnet18.onnx --flex nvdla:size --quiet
