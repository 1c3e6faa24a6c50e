models/alexnet.onnx --tolerance=abc --baseline tests/data/baselines/alexnet.json
