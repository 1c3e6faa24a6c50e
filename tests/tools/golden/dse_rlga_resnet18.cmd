dse models/resnet18.onnx --dataflow shidiannao --strategy rl-ga --budget 1000 --quiet
