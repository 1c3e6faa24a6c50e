dse models/resnet18.onnx --sweep 'pes=0:1024:64'
