models/alexnet.onnx --dataflow=tpu --format csv
