dse models/resnet18.onnx --sweep 'cores=64'
