#!/usr/bin/python3
"""Compare `maestro-onnx layers` with the PyTorch MAC reference written by
scripts/export_test_models.py, for every exported case.

    python3 scripts/check_test_models.py [--tool build/tools/maestro-onnx]
                                         [--models /tmp/xmodels] [--form wl] [case...]

For each case: layer counts per kind, total MACs, and the per-layer MAC
multisets (frontend layers vs PyTorch calls) are compared, and every layer's
costed MACs (the sum over the MAESTRO layers, `maestro_MACs`) must equal its
true MACs (`MACs`). Dynamic inputs are
pinned with --input-shape at the shape the reference ran with. The weightless
(wl), external-data (ext, .data missing) and full forms must give the same
layers. Prints one line per case and exits 1 when anything differs.
Conditional layers (If branches not taken) are reported apart; MAC nodes
the frontend reports as not costed (a box head on a data-dependent RoI count)
give a PARTIAL verdict with what PyTorch ran in them, not a failure.
"""
import argparse
import collections
import json
import os
import subprocess
import sys


def run_layers(tool, path, ref, extra=()):
    cmd = [tool, "layers", path, "--format", "json"]
    for name, shape in ref["inputs"].items():
        if ref.get("dynamic_axes") and name in ref["dynamic_axes"]:
            cmd += ["--input-shape", "%s=%s" % (name, "x".join(map(str, shape)))]
    cmd += list(extra)
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        return None, "exit %d: %s" % (p.returncode, p.stderr.strip()[:300])
    return json.loads(p.stdout), None


def frontend_kinds(d):
    """Frontend layers as reference kinds: conv / linear / matmul / convtranspose."""
    out = []
    for l in d["layers"]:
        if l.get("conditional"):
            continue
        t = l["type"]
        if t in ("conv", "dwconv", "grouped"):
            k = "conv"
        elif t == "recurrent":
            k = "rnn"
        elif t == "gemm":
            k = "linear" if l.get("weight_operand", True) else "matmul"
        else:
            k = t
        out.append((k, l["MACs"], l["name"]))
    return out


def compare(case, d, ref):
    issues = []
    fl = frontend_kinds(d)
    rc = ref["calls"]
    fcount = collections.Counter(k for k, _, _ in fl)
    rcount = collections.Counter(c["kind"] for c in rc)
    ftotal = sum(m for _, m, _ in fl)
    for l in d["layers"]:
        if l["maestro_MACs"] != l["MACs"]:
            issues.append("%s: costed MACs %d != true MACs %d" % (
                l["name"], l["maestro_MACs"], l["MACs"]))
    if ftotal != d["MACs"]["total"]:
        issues.append("frontend total %d != sum of layers %d" % (d["MACs"]["total"], ftotal))
    # Linear vs matmul: the frontend calls a MatMul with a constant operand
    # gemm; torch's F.linear is always one. Compare linear+matmul together for
    # counts, and the MAC multisets per (conv / fc+matmul / convtranspose).
    def group(k):
        return "fc" if k in ("linear", "matmul") else k
    fg = collections.Counter(group(k) for k, _, _ in fl)
    rg = collections.Counter(group(c["kind"]) for c in rc)
    if fg != rg:
        issues.append("counts frontend %s vs reference %s" % (dict(fcount), dict(rcount)))
    if ftotal != ref["total"]:
        issues.append("total MACs frontend %d vs reference %d (%+.4f%%)" % (
            ftotal, ref["total"], 100.0 * (ftotal - ref["total"]) / max(ref["total"], 1)))
    for g in sorted(set(fg) | set(rg)):
        fm = collections.Counter(m for k, m, _ in fl if group(k) == g)
        rm = collections.Counter(c["MACs"] for c in rc if group(c["kind"]) == g)
        if fm != rm:
            extra_f = list((fm - rm).elements())[:6]
            extra_r = list((rm - fm).elements())[:6]
            issues.append("%s layer MACs differ: only frontend %s, only reference %s" % (
                g, extra_f, extra_r))
    return issues, fcount, ftotal


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", default="build/tools/maestro-onnx")
    ap.add_argument("--models", default="/tmp/xmodels")
    ap.add_argument("--forms", default="wl,ext")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    refdir = os.path.join(a.models, "ref")
    cases = a.cases or sorted(f[:-5] for f in os.listdir(refdir) if f.endswith(".json"))
    bad = 0
    print("%-32s %6s %6s %16s %16s  %s" % ("case", "layers", "ref", "MACs", "ref MACs", "verdict"))
    for case in cases:
        ref = json.load(open(os.path.join(refdir, case + ".json")))
        results = {}
        for form in a.forms.split(","):
            path = os.path.join(a.models, form, case + ".onnx")
            if not os.path.exists(path):
                continue
            d, err = run_layers(a.tool, path, ref)
            results[form] = (d, err)
        d, err = results.get("wl", next(iter(results.values())))
        if err:
            bad += 1
            print("%-32s ERROR %s" % (case, err))
            continue
        issues, fcount, ftotal = compare(case, d, ref)
        cond = [l for l in d["layers"] if l.get("conditional")]
        if issues and cond:
            # A data-dependent If: the frontend lists both branches as
            # conditional; PyTorch ran one. Equal when the reference is the
            # unconditional layers plus some of the conditional ones.
            missing = collections.Counter(c["MACs"] for c in ref["calls"]) - \
                collections.Counter(m for _, m, _ in frontend_kinds(d))
            if not (collections.Counter(m for _, m, _ in frontend_kinds(d)) -
                    collections.Counter(c["MACs"] for c in ref["calls"])) and \
                    not (missing - collections.Counter(l["MACs"] for l in cond)):
                issues = []
                fcount = collections.Counter(k for k, _, _ in frontend_kinds(d))
                fcount["taken branch"] = sum(missing.values())
                ftotal += sum(missing.elements())
        partial = ""
        mac_cats = ("conv", "gemm", "matmul", "recurrent", "einsum", "attention")
        not_costed = [c for c in d["coverage"] if c["verdict"] == "not supported"
                      and c["category"] in mac_cats]
        if issues and not_costed:
            # MAC nodes the frontend reports as not costed (data-dependent
            # shapes): explained when the frontend's layers are PyTorch's
            # minus exactly that many calls.
            fm = collections.Counter(m for _, m, _ in frontend_kinds(d))
            rm = collections.Counter(c["MACs"] for c in ref["calls"])
            if not (fm - rm) and sum((rm - fm).values()) == len(not_costed):
                est = [c.get("macs_estimate", -1) for c in not_costed]
                partial = "PARTIAL: %d MAC nodes not costed (%s), %d MACs" % (
                    len(not_costed), "estimates %s" % est if any(e >= 0 for e in est)
                    else "shapes data-dependent", sum((rm - fm).elements()))
                issues = []
        for form, (d2, err2) in results.items():
            if err2:
                issues.append("%s form: %s" % (form, err2))
            elif [l["MACs"] for l in d2["layers"]] != [l["MACs"] for l in d["layers"]]:
                issues.append("%s form gives other layers" % form)
        note = " (+%d conditional layers, %d MACs)" % (
            len(cond), d["MACs"]["in_subgraphs"]) if cond else ""
        verdict = "equal" + note if not issues else "DIFF" + note
        if partial:
            verdict = partial + note
        bad += bool(issues)
        print("%-32s %6d %6d %16d %16d  %s" % (case, sum(fcount.values()),
                                                len(ref["calls"]), ftotal, ref["total"],
                                                verdict))
        for i in issues:
            print("    - " + i)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
