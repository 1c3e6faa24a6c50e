"""Prints a search JSON without its timing fields (the ones its
"timing_fields" lists: "a" or "list[].a"), for byte comparisons.
Usage: strip_timing.py SEARCH.json"""
import json
import sys

with open(sys.argv[1]) as f:
    j = json.load(f)
for field in j["timing_fields"]:
    if "[]." in field:
        outer, inner = field.split("[].")
        for x in j[outer]:
            del x[inner]
    else:
        del j[field]
print(json.dumps(j, indent=1))
