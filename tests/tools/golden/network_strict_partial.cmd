models/mobilenet_v2.onnx --dataflow=tests/data/dataflows/nvdla_no_dsconv.m --strict -o /dev/null
