dse models/resnet18.onnx --sweep 'pes=64:256:64,noc_bw=16|64' --constraint 'area<=3e6' --quiet
