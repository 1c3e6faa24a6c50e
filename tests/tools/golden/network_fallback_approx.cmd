models/squeezenet1_1.onnx --dataflow=tests/data/dataflows/rs_xr_fallback.m
