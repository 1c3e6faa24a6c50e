tests/frontend/data/extra/fasterrcnn_mobilenet_v3_large_320_fpn.onnx --dataflow=nvdla,shidiannao
