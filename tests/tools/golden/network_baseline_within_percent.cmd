models/alexnet.onnx --dataflow=all --baseline tests/data/baselines/alexnet.json --tolerance 5% -o /dev/null
