export models/alexnet.onnx -o /nonexistent/dir/alexnet.m
