tests/frontend/data/extra/if_data_dependent.onnx --dataflow=nvdla
