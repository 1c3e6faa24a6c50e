models/resnet18.onnx --dataflow=tests/data/dataflows/nvdla_bad_r.m,nvdla --format csv
