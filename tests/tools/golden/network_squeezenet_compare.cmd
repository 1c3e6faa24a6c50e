models/squeezenet1_1.onnx --dataflow=nvdla,eyeriss,shidiannao
