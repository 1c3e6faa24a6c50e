"""A dse sweep split into shards from Python (``mo.dse(..., shard=(k,
n))``) merges (``mo.merge``) into the unsharded run's JSON, byte for byte
but for the timing fields the JSON lists (docs/distributed.md); the Python
parts are the command's ``dse --shard`` parts; refusals are ``mo.Error``
with the command's messages."""
import re

import pytest

import maestro_onnx as mo
from conftest import cli

GRID = "pes=64:512:64,l1=256|512,noc_bw=16|64"  # 16 cost keys, 32 points
TARGET = "models/resnet18.onnx"


def mask_timings(text):
    """The JSON text with its timing fields' values replaced by T."""
    masked, n = re.subn(r'"(designs_per_s|wall_s)": [^,\n]+', r'"\1": T',
                        text)
    assert n == 2, "timing fields not found"
    return masked


def shards(n, **options):
    """The parts of shards n-1, ..., 0 (reverse order)."""
    return [mo.dse(TARGET, sweep=GRID, shard=(k, n), **options)
            for k in reversed(range(n))]


@pytest.fixture(scope="module")
def full():
    return mo.dse(TARGET, sweep=GRID)


@pytest.mark.parametrize("n", [1, 2, 3, 7])
def test_shards_merge_into_the_unsharded_sweep(full, n):
    parts = shards(n)
    assert [p.shard for p in parts] == [(k, n) for k in reversed(range(n))]
    assert sum(p.points_evaluated for p in parts) == 32
    ranges = sorted(p.key_range for p in parts)
    assert ranges[0][0] == 0 and ranges[-1][1] == 16
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
    merged = mo.merge(parts)
    assert isinstance(merged, mo.DseResult)
    assert mask_timings(merged.to_json()) == mask_timings(full.to_json())
    assert merged.to_dict() == full.to_dict()
    assert merged.best["runtime_cycles"] > 0 and merged.points_valid == 32


def test_python_parts_are_the_commands_parts(tmp_path):
    texts = []
    for k in range(2):
        f = tmp_path / ("p%d.json" % k)
        cli("dse", TARGET, "--sweep", GRID, "--quiet", "--shard", "%d/2" % k,
            "-o", str(f))
        texts.append(f.read_text())
    ours = shards(2)[::-1]
    strip = lambda t: re.sub(r'"wall_s": [^,\n]+', '"wall_s": T', t)
    assert [strip(p.to_json()) for p in ours] == [strip(t) for t in texts]
    assert mo.merge([texts[0], ours[1]]).to_dict() == mo.merge(ours).to_dict()


def test_refusals_are_errors_with_the_merges_messages():
    parts = shards(3)
    with pytest.raises(mo.Error, match=r"of the 16 cost keys of the grid "
                       r"\(0\.\.15\), keys 0\.\.5 are in no part"):
        mo.merge(parts[:2])
    other = mo.dse(TARGET, sweep=GRID, objective="energy", shard=(0, 3))
    with pytest.raises(mo.Error, match="b is a shard of another dse run than a"):
        mo.merge([parts[2], other], names=["a", "b"])
    search = mo.search(TARGET, budget="evals=50", shard=(0, 1))
    with pytest.raises(mo.Error, match="s is a part of a search and d a part "
                       "of a dse sweep"):
        mo.merge([search, parts[0]], names=["s", "d"])
    with pytest.raises(mo.Error, match="only the sweep is sharded"):
        mo.dse(TARGET, strategy="random", budget=50, shard=(0, 2))
