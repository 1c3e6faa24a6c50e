tests/frontend/data/fuzz_regressions/json_invalid_utf8_name.onnx --format json
