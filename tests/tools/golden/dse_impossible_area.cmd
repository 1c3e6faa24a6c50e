dse models/resnet18.onnx --sweep 'pes=64:1024:64' --constraint 'area<=1000'
