layers tests/frontend/data/fuzz_regressions/control_byte_names.onnx
