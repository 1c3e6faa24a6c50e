layers tests/frontend/data/extra/rnn_tanh.onnx --format csv
