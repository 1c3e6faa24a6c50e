models/squeezenet1_1.onnx --dataflow=nvdla --strict -o /dev/null
