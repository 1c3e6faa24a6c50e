export models/alexnet.onnx --dataflow maeri --pes 121 -o /dev/null
