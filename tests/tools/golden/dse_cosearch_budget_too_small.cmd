dse models/resnet18.onnx --strategy cosearch --sweep 'pes=64|128|256,noc_bw=16|64' --budget 100
