"""maestro_onnx against the command line: the same JSON text on the zoo,
the same errors (as mo.Error), hardware, dataflows, layers, pandas, and a
search reproduced by its seed."""
import json

import pytest

import maestro_onnx as mo
from conftest import ZOO, cli, cli_json


@pytest.mark.parametrize("model", ZOO)
def test_analyze_is_the_commands_json(model):
    r = mo.analyze(model, dataflow="all")
    _, out, _ = cli(model, "--dataflow=all", "--format", "json")
    assert r.to_json() == out
    assert r.to_dict() == json.loads(out)


def test_totals_are_the_commands_numbers():
    r = mo.analyze("models/resnet50.onnx", dataflow="nvdla")
    want = cli_json("models/resnet50.onnx", "--dataflow=nvdla")
    t = want["dataflows"][0]["totals"]
    assert r.totals["runtime_cycles"] == t["runtime_cycles"] > 0
    assert r.totals["energy_pj"] == t["energy_pj"]
    assert r.totals["macs"] == 4089184256  # ResNet-50's true MAC count
    assert len(r.layers) == 54


def test_hardware_points_and_overrides_match_the_flags():
    hw = [mo.hardware("pe256", num_pes=64, l2_size=4096), mo.hardware("tiny16")]
    rs = mo.analyze(["models/resnet18.onnx", "models/squeezenet1_1.onnx"],
                    dataflow=["nvdla", "eyeriss"], hw=hw, semantics="maestro")
    flags = [["--pes", "64", "--l2-size", "4096"], ["--hw", "tiny16"]]
    for r, f in zip(rs, flags):
        _, out, _ = cli("models/resnet18.onnx", "models/squeezenet1_1.onnx",
                        "--dataflow", "nvdla,eyeriss", "--semantics",
                        "maestro", *f, "--format", "json")
        assert r.to_json() == out
    assert rs[0].hardware.num_pes == 64
    assert rs[0].hardware.name == "pe256 with --pes 64 --l2-size 4096"
    assert mo.hardware(rs[0].hardware.to_dict()) == rs[0].hardware


def test_evaluate_is_the_eval_commands_json():
    m = "tests/data/maestro/inputs/mapping/t1_xpws_small.m"
    h = "tests/data/maestro/inputs/hw/hw_tiny4.m"
    got = mo.evaluate(m, hw=h, semantics="maestro")
    assert got == cli_json("eval", m, "--hw", h, "--semantics", "maestro")
    assert got["dataflows"][0]["layers"][0]["runtime_cycles"] > 0
    with pytest.raises(mo.Error, match="no_such.m"):
        mo.evaluate("no_such.m")


def test_hardware_file_and_presets():
    h = mo.hardware("tests/data/maestro/inputs/hw/hw_tiny4.m")
    assert h.num_pes == 4
    assert "pe256" in mo.hardware_presets()
    assert mo.hardware().num_pes == 256
    assert mo.hardware("pe64").num_pes == 64


def test_dataflows_are_the_library():
    _, out, _ = cli("dataflows")
    names = [d["name"] for d in mo.dataflows()]
    assert names and all(n in out for n in names)
    assert "nvdla" in names


def test_load_model_layers_and_coverage():
    m = mo.load_model("models/resnet18.onnx")
    want = json.loads(cli("layers", "models/resnet18.onnx", "--format",
                          "json")[1])
    assert m.data == want
    assert len(m.layers) == 21 and m.coverage
    r = mo.analyze(m, dataflow="nvdla")
    assert r.totals["layers"] == 21


def test_to_pandas_adds_up_to_the_totals():
    r = mo.analyze("models/resnet18.onnx", dataflow="nvdla,eyeriss")
    df = r.to_pandas()
    assert len(df) == 2 * 21
    for run in r.runs:
        rows = df[(df.dataflow == run["dataflow"]) & df.costed]
        assert int((rows.runtime_cycles * rows.repeat).sum()) == \
            run["totals"]["runtime_cycles"]
    assert "accesses.input.l2_read" in df.columns


def expect_same_error(args, call):
    code, _, err = cli(*args, check=False)
    assert code == 2
    with pytest.raises(mo.Error) as e:
        call()
    assert isinstance(e.value, RuntimeError)
    msg = str(e.value)
    assert err.strip() == (msg if "error: " in msg else "error: " + msg)
    return msg


def test_errors_are_exceptions_with_the_commands_message():
    expect_same_error(["models/missing.onnx"],
                      lambda: mo.analyze("models/missing.onnx"))
    msg = expect_same_error(["models/resnet18.onnx", "--dataflow", "nope"],
                            lambda: mo.analyze("models/resnet18.onnx",
                                               dataflow="nope"))
    assert "nope" in msg
    expect_same_error(
        ["models/resnet18.onnx", "--dataflow",
         "tests/data/dataflows/nvdla_bad_r.m"],
        lambda: mo.analyze("models/resnet18.onnx",
                           dataflow="tests/data/dataflows/nvdla_bad_r.m"))
    expect_same_error(["tests/frontend/data/truncated.onnx"],
                      lambda: mo.analyze("tests/frontend/data/truncated.onnx"))
    with pytest.raises(mo.Error, match="neither a readable file nor a preset"):
        mo.hardware("pe7")
    with pytest.raises(mo.Error, match="num_pes"):
        mo.hardware(num_pes=0)
    with pytest.raises(mo.Error, match="semantics"):
        mo.analyze("models/resnet18.onnx", semantics="fast")


SEARCH = dict(layer="3", strategy="gamma", budget="evals=400", seed=7)


def search_flags(o):
    return ["--layer", o["layer"], "--strategy", o["strategy"], "--budget",
            o["budget"], "--seed", str(o["seed"])]


def test_search_is_reproduced_by_its_seed():
    a = mo.search("models/resnet18.onnx", **SEARCH)
    b = mo.search("models/resnet18.onnx", threads=2, **SEARCH)
    assert a.without_timings() == b.without_timings()
    _, out, _ = cli("search", "models/resnet18.onnx", *search_flags(SEARCH),
                    "--format", "json")
    c = json.loads(out)
    drop = set(c.get("timing_fields", []))
    from maestro_onnx import _drop_keys
    assert a.without_timings() == _drop_keys(c, drop)
    assert len(a.layers) == 1


def test_search_errors():
    with pytest.raises(mo.Error, match="strategy"):
        mo.search("models/resnet18.onnx", strategy="annealing")
    with pytest.raises(mo.Error, match="budget"):
        mo.search("models/resnet18.onnx", budget="evals=-1")
    with pytest.raises(mo.Error, match="unknown search option"):
        mo.search("models/resnet18.onnx", sede=3)
    with pytest.raises(mo.Error, match="marvel_cap '0.5'; expected a whole"):
        mo.search("models/resnet18.onnx", strategy="marvel", marvel_cap=0.5)
    with pytest.raises(mo.Error, match="max_space '0'; expected a positive"):
        mo.search("models/resnet18.onnx", max_space=0)
    with pytest.raises(mo.Error, match="population 'x'; expected an integer"):
        mo.search("models/resnet18.onnx", population="x")
    with pytest.raises(mo.Error, match="marvel_cap 'None'; expected a number"):
        mo.search("models/resnet18.onnx", marvel_cap=None)
    with pytest.raises(mo.Error, match="strategy '3'; expected a string"):
        mo.search("models/resnet18.onnx", strategy=3)


@pytest.mark.parametrize("call, message", [
    (lambda: mo.dse("models/resnet18.onnx", top="x"),
     "top 'x'; expected an integer"),
    (lambda: mo.dse("models/resnet18.onnx", top=2.5),
     "top '2.5'; expected an integer"),
    (lambda: mo.dse("models/resnet18.onnx", seed=None),
     "seed 'None'; expected an integer"),
    (lambda: mo.dse("models/resnet18.onnx", budget_fraction="h"),
     "budget_fraction 'h'; expected a number"),
    (lambda: mo.dse("models/resnet18.onnx", num_pes="x"),
     "num_pes 'x'; expected an integer"),
    (lambda: mo.hardware(l1_size=True), "l1_size 'True'; expected an integer"),
    (lambda: mo.analyze("models/resnet18.onnx", threads="a"),
     "threads 'a'; expected an integer"),
    (lambda: mo.analyze("models/resnet18.onnx",
                        input_shapes={"x": (1, "a", 224, 224)}),
     "input_shapes\\['x'\\] 'a'; expected an integer"),
    (lambda: mo.Study(ZOO[:1], search_shards="2"),
     "search_shards '2'; expected an integer"),
])
def test_an_option_of_the_wrong_type_is_an_error(call, message):
    # maestro_onnx.Error naming the option, its value and the type wanted
    # (not Python's ValueError from int() or pybind's TypeError).
    with pytest.raises(mo.Error, match=message):
        call()


@pytest.mark.parametrize("call", [
    lambda: mo.search("models/resnet18.onnx", threads=-1, layer="2"),
    lambda: mo.dse("models/resnet18.onnx", threads=-1),
])
def test_a_negative_thread_count_is_an_error(call):
    # threads=0 (the default) is every core; below 0 is a mistake.
    with pytest.raises(mo.Error,
                       match="threads '-1'; expected a number of threads, "
                             "or 0 for every core"):
        call()


def test_marvel_cap_is_the_command_s():
    # --marvel-cap 1: every kept candidate's Phase B by the GA, as the
    # command does it.
    o = dict(layer="3", strategy="marvel", budget="evals=3000", seed=2)
    a = mo.search("models/resnet18.onnx", marvel_cap=1, **o)
    _, out, _ = cli("search", "models/resnet18.onnx", *search_flags(o),
                    "--marvel-cap", "1", "--format", "json")
    c = json.loads(out)
    from maestro_onnx import _drop_keys
    assert a.without_timings() == _drop_keys(c, set(c["timing_fields"]))
    assert "0 enumerated, 16 by GA (--marvel-cap 1)" in out
    d = mo.search("models/resnet18.onnx", **o)
    assert d.without_timings() != a.without_timings()


def test_marvel_layout_is_the_command_s():
    # --marvel-layout row-major: Phase A keeps each tensor row-major; the
    # default searches it (the note names the best candidate's).
    o = dict(layer="3", strategy="marvel", budget="evals=2000", seed=1)
    a = mo.search("models/resnet18.onnx", marvel_layout="row-major", **o)
    _, out, _ = cli("search", "models/resnet18.onnx", *search_flags(o),
                    "--marvel-layout", "row-major", "--format", "json")
    c = json.loads(out)
    from maestro_onnx import _drop_keys
    assert a.without_timings() == _drop_keys(c, set(c["timing_fields"]))
    assert ("DRAM layout row-major (--marvel-layout row-major): the best "
            "input NCYX") in out
    d = mo.search("models/resnet18.onnx", **o)
    assert "DRAM layout searched: the best input NYXC" in json.dumps(d.data)
    with pytest.raises(mo.Error,
                       match="marvel_layout 'nhwc'; expected searched or row-major"):
        mo.search("models/resnet18.onnx", marvel_layout="nhwc")


def test_study_shards_merge_to_the_single_run():
    study = mo.Study(ZOO[:3], dataflows="nvdla,eyeriss,shidiannao",
                     hardware=[None, mo.hardware(num_pes=64)])
    n = study.items()
    assert n == 3 * 2 * 3
    parts = [mo.run_shard(study, range(k, n, 4)) for k in (3, 1, 0, 2)]
    merged = mo.merge(parts)
    assert merged == mo.run_study(study).results
    assert merged[1] == mo.analyze(ZOO[:3], dataflow="nvdla,eyeriss,shidiannao",
                                   hw=mo.hardware(num_pes=64))
    with pytest.raises(mo.Error, match="are in no part"):
        mo.merge(parts[:3])


def test_concurrent_calls_from_python_threads():
    # The GIL is released while the engine runs: calls from several Python
    # threads run at once and each gives the one-thread result.
    from concurrent.futures import ThreadPoolExecutor
    jobs = [(m, d) for m in ZOO[:3] for d in ("nvdla", "eyeriss")]
    alone = [mo.analyze(m, dataflow=d, threads=1) for m, d in jobs]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(
            lambda j: mo.analyze(j[0], dataflow=j[1], threads=2), jobs))
    assert together == alone


def test_search_to_pandas():
    s = mo.search("models/resnet18.onnx", layer="2", budget="evals=200",
                  seed=1)
    df = s.to_pandas()
    assert len(df) == 1
    assert df["best.runtime_cycles"][0] == s.layers[0]["best"]["runtime_cycles"]
