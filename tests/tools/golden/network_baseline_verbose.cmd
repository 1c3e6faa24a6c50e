models/alexnet.onnx --dataflow=all --pes 240 --baseline tests/data/baselines/alexnet.json --tolerance 10 --verbose -o /dev/null
