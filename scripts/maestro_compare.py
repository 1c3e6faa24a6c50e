"""Compares what MAESTRO printed for a mapping file with what maestro-onnx
computed for the same file under --semantics maestro (used by
scripts/check_with_maestro.sh; docs/differences-from-maestro.md, "Files we
write, run by MAESTRO").

Usage: maestro_compare.py MAESTRO.csv MAESTRO_STDOUT.txt OURS.json CASE
                          [SEARCH_RESULT.json]
With SEARCH_RESULT.json (the result.json next to a best.m searched under
--semantics maestro), each layer's best runtime_cycles, l1_size_req and
l2_size_req as the search reported them are compared with MAESTRO's too.
Prints one line per disagreeing (layer, column) and a summary line
"CASE: L layers, C values compared, E exact, W within 0.5 %, D differ";
exit 0 when no value differs by more than 0.5 % (the tolerance of the
reference test, tests/core/engine_reference_test.cc), 1 otherwise.
MAESTRO's documented output bugs are not compared: output_l2_read on
strided layers (it ignores the stride); on a layer where MAESTRO's MAC
count is not the layer's true count (docs/differences-from-maestro.md),
only that count is compared (with our macs_maestro), as the reference test
does."""
import csv
import json
import re
import sys

# (MAESTRO CSV column, our layer's value)
COLUMNS = [
    ("Runtime (Cycles)", lambda l: l["runtime_cycles"]),
    ("Num MACs", lambda l: l.get("macs_maestro", l["macs"])),
    ("L2 SRAM Size Req (Bytes)", lambda l: l["l2_size_req"]),
    ("L1 SRAM Size Req (Bytes)", lambda l: l["l1_size_req"]),
    ("Peak BW Req", lambda l: l["noc_bw_req_peak"]),
    ("Avg BW Req", lambda l: l["noc_bw_req_avg"]),
    ("input l1 read", lambda l: l["accesses"]["input"]["l1_read"]),
    ("input l2 read", lambda l: l["accesses"]["input"]["l2_read"]),
    ("input l2 write", lambda l: l["accesses"]["input"]["l2_write"]),
    ("filter l1 read", lambda l: l["accesses"]["filter"]["l1_read"]),
    ("filter l2 read", lambda l: l["accesses"]["filter"]["l2_read"]),
    ("filter l2 write", lambda l: l["accesses"]["filter"]["l2_write"]),
    ("output l2 read", lambda l: l["accesses"]["output"]["l2_read"]),
    ("output l2 write", lambda l: l["accesses"]["output"]["l2_write"]),
    ("Avg number of utilized PEs", lambda l: l["avg_utilized_pes"]),
]
TOLERANCE = 0.005


def maestro_rows(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    header = [h.strip() for h in rows[0]]
    return [dict(zip(header, (x.strip() for x in r))) for r in rows[1:] if r]


def maestro_energies(path):
    """Per layer, stdout's "Total energy consumption: E X MAC energy"."""
    with open(path, errors="replace") as f:
        text = f.read()
    return [float(x) for x in re.findall(
        r"Total energy consumption: (\S+) X MAC energy", text)]


def strided(layer):
    d = layer.get("dims", {})
    return any(int(d.get(k, 1)) > 1 for k in ("stride_y", "stride_x"))


def search_claims(path):
    """{layer index: [(column, the search's value)]} of a search result."""
    with open(path) as f:
        result = json.load(f)
    claims = {}
    for layer in result["layers"]:
        b = layer["best"]
        for i in layer["layer_indices"]:
            claims[i] = [("search " + c, float(b[k])) for c, k in (
                ("Runtime (Cycles)", "runtime_cycles"),
                ("L1 SRAM Size Req (Bytes)", "l1_size_req"),
                ("L2 SRAM Size Req (Bytes)", "l2_size_req"))]
    return claims


def main():
    csv_path, stdout_path, ours_path, case = sys.argv[1:5]
    claims = search_claims(sys.argv[5]) if len(sys.argv) > 5 else {}
    theirs = maestro_rows(csv_path)
    energies = maestro_energies(stdout_path)
    with open(ours_path) as f:
        ours = json.load(f)["dataflows"][0]["layers"]
    if len(theirs) != len(ours):
        print("%s: MAESTRO reported %d layers, maestro-onnx %d" % (
            case, len(theirs), len(ours)))
        return 1
    compared = exact = within = differ = miscounted = 0
    for i, (t, o) in enumerate(zip(theirs, ours)):
        values = [(c, float(t[c]), float(f(o))) for c, f in COLUMNS
                  if not (c == "output l2 read" and strided(o))]
        if float(t["Num MACs"]) != o["macs"]:
            miscounted += 1
            print("%s: layer %d %s: MAESTRO counts %s MACs, the layer has %d "
                  "(only the MAC count compared)" % (
                      case, i, o["name"], t["Num MACs"], o["macs"]))
            values = values[1:2]
        else:
            if len(energies) == len(ours):
                values.append(("Total energy (X MAC)", energies[i],
                               float(o["energy_maestro_xmac"])))
            values += [(c, float(t[c[len("search "):]]), v)
                       for c, v in claims.get(i, [])]
        for column, a, b in values:
            compared += 1
            if a == b:
                exact += 1
            elif abs(a - b) <= TOLERANCE * abs(a):
                within += 1
            else:
                differ += 1
                print("%s: layer %d %s, %s: MAESTRO %g, maestro-onnx %g" % (
                    case, i, o["name"], column, a, b))
    print("%s: %d layers (%d with MAESTRO's MAC count wrong), %d values "
          "compared, %d exact, %d within 0.5 %%, %d differ" % (
              case, len(ours), miscounted, compared, exact, within, differ))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
