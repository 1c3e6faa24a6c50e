layers tests/frontend/data/dynamic_batch.onnx
