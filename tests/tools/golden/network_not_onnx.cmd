tests/data/maestro/README.md
