parse tests/data/maestro/inputs/mapping/Resnet50_gen_maeri.m --check --hw maestro-acc1
