models/mobilenet_v2.onnx --dataflow=shidiannao --semantics maestro --hw pe64
