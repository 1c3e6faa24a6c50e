search models/resnet18.onnx --layer /no/such/Conv
