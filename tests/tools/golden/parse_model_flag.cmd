parse tests/data/maestro/inputs/mapping/Resnet50_model.m --check --model
