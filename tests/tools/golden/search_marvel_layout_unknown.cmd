search models/resnet18.onnx --layer 2 --strategy marvel --marvel-layout nchw --quiet
