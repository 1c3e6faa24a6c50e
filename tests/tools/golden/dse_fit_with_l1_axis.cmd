dse models/resnet18.onnx --sweep 'pes=64,l1=512|1024' --buffers fit
