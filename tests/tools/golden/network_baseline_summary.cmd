models/alexnet.onnx --dataflow=all --pes 240 --baseline tests/data/baselines/alexnet.json --tolerance 5 -o /dev/null
