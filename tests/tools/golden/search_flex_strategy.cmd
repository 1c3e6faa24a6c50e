search models/resnet18.onnx --flex nvdla:tile --strategy marvel --quiet
