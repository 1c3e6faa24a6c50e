models/resnet18.onnx --report /nonexistent/dir/r.html -o /dev/null
