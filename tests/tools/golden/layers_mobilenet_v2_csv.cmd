layers models/mobilenet_v2.onnx --format csv
