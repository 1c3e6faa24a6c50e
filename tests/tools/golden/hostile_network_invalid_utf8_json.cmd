tests/frontend/data/fuzz_regressions/json_invalid_utf8_conv_name.onnx --format json
