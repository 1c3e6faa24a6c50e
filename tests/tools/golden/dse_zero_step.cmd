dse models/resnet18.onnx --sweep 'pes=64:128:0'
