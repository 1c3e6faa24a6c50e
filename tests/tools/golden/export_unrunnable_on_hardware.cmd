export models/alexnet.onnx --dataflow maeri --pes 64
