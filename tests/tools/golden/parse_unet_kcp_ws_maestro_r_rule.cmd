parse tests/data/maestro/inputs/mapping/UNet_kcp_ws.m --check --hw maestro-acc1
