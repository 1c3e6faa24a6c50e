models/alexnet.onnx models/squeezenet1_1.onnx --dataflow nvdla,tpu
