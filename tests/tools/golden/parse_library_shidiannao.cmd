parse mappings/shidiannao.m
