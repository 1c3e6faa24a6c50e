"""Checks that a MAESTRO binary is the one the stored reference came from:
every case of tests/data/maestro/expected/cases.csv that the original
MAESTRO ran to completion from a hardware file is run again, the same way
(tests/data/maestro/README.md, "How a case was run"), and each layer's
runtime_cycles, l1_size_req and l2_size_req must equal the stored
maestro_layers.csv exactly.

Usage: maestro_reproduces_reference.py MAESTRO_BINARY
Prints one line per mismatch and a summary "N cases, L layers, M differ";
exit 0 when nothing differs, 1 otherwise, 2 on usage.
(The ctest maestro.reproduces_reference, tests/CMakeLists.txt, runs it on
the copy in third_party/maestro before maestro.check_with_maestro trusts
that copy.)"""
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DATA = os.path.join(ROOT, "tests", "data", "maestro")
# (MAESTRO CSV column, maestro_layers.csv column)
COLUMNS = [("Runtime (Cycles)", "runtime_cycles"),
           ("L1 SRAM Size Req (Bytes)", "l1_size_req"),
           ("L2 SRAM Size Req (Bytes)", "l2_size_req")]


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header = [h.strip() for h in rows[0]]
    return [dict(zip(header, (x.strip() for x in r))) for r in rows[1:] if r]


def flag(command, name):
    m = re.search(r"--%s=(\S+)" % name, command)
    return m.group(1) if m else None


def run_case(maestro, case, work):
    """MAESTRO's CSV rows for `case`, or an error string."""
    command = case["command"]
    hw, mapping = flag(command, "HW_file"), flag(command, "Mapping_file")
    if hw is None or mapping is None:
        return "no --HW_file/--Mapping_file in %r" % command
    d = os.path.join(work, case["case_id"])
    os.makedirs(os.path.join(d, os.path.dirname(hw)), exist_ok=True)
    os.makedirs(os.path.join(d, os.path.dirname(mapping)), exist_ok=True)
    shutil.copy(os.path.join(DATA, case["mapping_file"]),
                os.path.join(d, mapping))
    shutil.copy(os.path.join(DATA, "inputs", "hw", os.path.basename(hw)),
                os.path.join(d, hw))
    args = [maestro] + command.split()[1:]
    p = subprocess.run(args, cwd=d, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=600)
    if p.returncode != 0:
        return "exit %d" % p.returncode
    out = os.path.join(d, os.path.splitext(os.path.basename(mapping))[0] +
                       ".csv")
    if not os.path.exists(out):
        return "no CSV written"
    return read_csv(out)


def close(a, b):
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))


def main():
    if len(sys.argv) != 2 or not os.access(sys.argv[1], os.X_OK):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    maestro = os.path.abspath(sys.argv[1])
    cases = [c for c in read_csv(os.path.join(DATA, "expected", "cases.csv"))
             if c["binary"] == "original" and c["mode"] == "hwfile" and
             c["status"] == "ok"]
    layers = {}
    for r in read_csv(os.path.join(DATA, "expected", "maestro_layers.csv")):
        layers.setdefault(r["case_id"], []).append(r)
    n_layers = differ = 0
    with tempfile.TemporaryDirectory() as work:
        for case in cases:
            cid = case["case_id"]
            want = sorted(layers.get(cid, []),
                          key=lambda r: int(r["layer_index"]))
            got = run_case(maestro, case, work)
            if isinstance(got, str) or len(got) != len(want):
                what = got if isinstance(got, str) else "%d layers, %d stored" % (
                    len(got), len(want))
                print("%s: %s" % (cid, what))
                differ += 1
                continue
            for i, (g, w) in enumerate(zip(got, want)):
                n_layers += 1
                for mcol, wcol in COLUMNS:
                    if not close(g[mcol], w[wcol]):
                        print("%s layer %d %s: %s, stored %s" %
                              (cid, i, wcol, g[mcol], w[wcol]))
                        differ += 1
    print("%d cases, %d layers, %d differ" % (len(cases), n_layers, differ))
    return 0 if differ == 0 and cases else 1


if __name__ == "__main__":
    sys.exit(main())
