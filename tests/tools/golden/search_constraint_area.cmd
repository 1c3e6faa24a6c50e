search models/resnet18.onnx --layer 2 --constraint 'area<=2.5e6' --quiet
