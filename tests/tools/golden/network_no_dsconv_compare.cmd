models/mobilenet_v2.onnx --dataflow=nvdla,tests/data/dataflows/nvdla_no_dsconv.m
