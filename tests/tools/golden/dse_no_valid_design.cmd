dse models/resnet18.onnx --sweep 'pes=64|128' --constraint 'latency<=1000' --quiet
