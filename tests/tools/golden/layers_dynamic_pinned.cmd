layers tests/frontend/data/dynamic_batch.onnx --input-shape input=2x3x32x32
