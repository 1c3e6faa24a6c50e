dse models/resnet18.onnx --strategy cosearch --sweep 'pes=64|128' --buffers fit --constraint 'area<=1'
