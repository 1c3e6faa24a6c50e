num_pes: 64
num_pes: 128
