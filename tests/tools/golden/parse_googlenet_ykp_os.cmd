parse tests/data/maestro/inputs/mapping/googlenet_ykp_os.m --check
