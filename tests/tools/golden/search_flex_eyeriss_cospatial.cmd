search models/resnet18.onnx --layer 2 --flex eyeriss:tile --spatial-rs cospatial --budget evals=500 --quiet 2>&1 | grep -v 'engine evaluations'  # timing masked
