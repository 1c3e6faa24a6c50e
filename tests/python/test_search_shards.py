"""A search split into shards from Python (``mo.search(..., shard=(k,
n))``) merges (``mo.merge``) into the unsharded search's JSON, byte for
byte but for the timing fields the JSON lists (docs/distributed.md); the
Python parts are the command's ``search --shard`` parts; refusals are
``mo.Error`` with the command's messages."""
import json
import re

import pytest

import maestro_onnx as mo
from conftest import cli

RUN = dict(budget="evals=300", seed=1)


def mask_timings(text):
    """The JSON text with the values of its timing fields (its
    "timing_fields": "wall_s", "layers[].wall_s", ...) replaced by T; the
    rest of the text byte for byte. Fails if a field is absent."""
    names = {f.split(".")[-1] for f in json.loads(text)["timing_fields"]}
    pattern = r'"(%s)": [^,\n]+' % "|".join(sorted(names))
    masked, n = re.subn(pattern, r'"\1": T', text)
    assert n > len(names), "timing fields not found"
    return masked


def shards(target, n, **options):
    """The parts of shards n-1, ..., 0 (reverse order)."""
    return [mo.search(target, shard=(k, n), **options)
            for k in reversed(range(n))]


@pytest.fixture(scope="module")
def full():
    return mo.search("models/resnet18.onnx", **RUN)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_shards_merge_into_the_unsharded_search(full, n):
    parts = shards("models/resnet18.onnx", n, **RUN)
    assert sorted(u for p in parts for u in p.unique_layers) == list(
        range(len(full.layers)))
    assert [p.shard for p in parts] == [(k, n) for k in reversed(range(n))]
    merged = mo.merge(parts)
    assert isinstance(merged, mo.SearchResult)
    assert mask_timings(merged.to_json()) == mask_timings(full.to_json())
    assert merged.without_timings() == full.without_timings()
    assert merged.totals["runtime_cycles"] > 0


def test_python_search_is_the_commands_json_byte_for_byte(full):
    _, out, _ = cli("search", "models/resnet18.onnx", "--budget",
                    RUN["budget"], "--seed", str(RUN["seed"]), "--quiet",
                    "--format", "json")
    assert mask_timings(full.to_json()) == mask_timings(out)


def test_python_parts_are_the_commands_parts(tmp_path):
    texts = []
    for k in range(2):
        f = tmp_path / ("p%d.json" % k)
        cli("search", "models/resnet18.onnx", "--budget", RUN["budget"],
            "--seed", str(RUN["seed"]), "--quiet", "--shard", "%d/2" % k,
            "-o", str(f))
        texts.append(f.read_text())
    ours = shards("models/resnet18.onnx", 2, **RUN)[::-1]
    # A part's only timing field is its wall_s.
    strip = lambda t: re.sub(r'"wall_s": [^,\n]+', '"wall_s": T', t)
    assert [strip(p.to_json()) for p in ours] == [strip(t) for t in texts]
    # Their texts merge too, with the parts of the other side.
    assert mo.merge([texts[0], ours[1]]).without_timings() == mo.merge(
        ours).without_timings()


def test_other_options_and_a_mapping_file_target():
    o = dict(strategy="random", objective="edp", budget="evals=150", seed=5,
             hw=mo.hardware(num_pes=64))
    full = mo.search("models/mobilenet_v2.onnx", **o)
    merged = mo.merge(shards("models/mobilenet_v2.onnx", 3, threads=2, **o))
    assert mask_timings(merged.to_json()) == mask_timings(full.to_json())
    # One layer in two shards: shard 1 holds none and still merges.
    o = dict(budget="evals=100")
    parts = shards("tests/data/search/e2.m", 2, **o)
    assert [p.unique_layers for p in parts] == [[], [0]]
    assert mask_timings(mo.merge(parts).to_json()) == mask_timings(
        mo.search("tests/data/search/e2.m", **o).to_json())


def test_refusals_are_errors_with_the_merges_messages():
    parts = shards("models/resnet18.onnx", 3, **RUN)
    with pytest.raises(mo.Error, match=r"of the 12 unique layers \(0\.\.11\), "
                       r"0, 3, 6, 9 \(4 in all\) are in no part"):
        mo.merge(parts[:2])
    with pytest.raises(mo.Error, match="unique layer 2 is in two parts, "
                       "part 0 and part 3"):
        mo.merge(parts + parts[:1])
    other = mo.search("models/resnet18.onnx", shard=(0, 3), budget="evals=300",
                      seed=2)
    with pytest.raises(mo.Error, match="b is a shard of another search than a"):
        mo.merge([parts[2], other], names=["a", "b"])
    study = mo.Study(["models/alexnet.onnx"])
    with pytest.raises(mo.Error, match="s is a part of a search and m a part "
                       "of a main-job run"):
        mo.merge([parts[0], mo.run_shard(study, range(study.items()))],
                 names=["s", "m"])
    with pytest.raises(mo.Error, match=r"--shard '3/2'; expected K/N"):
        mo.search("models/resnet18.onnx", shard=(3, 2), **RUN)
    with pytest.raises(mo.Error, match="expected \\(k, n\\)"):
        mo.search("models/resnet18.onnx", shard="1/2", **RUN)
    with pytest.raises(mo.Error, match="expected a SearchPart"):
        mo.merge([1])
