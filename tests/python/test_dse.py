"""mo.dse (docs/python.md): the numbers of `maestro-onnx dse ... --format
json`, the command's messages, the same result for the same seed."""
import pytest

import maestro_onnx as mo
from conftest import cli, cli_json

GRID = "pes=64:512:64,noc_bw=16:64:16"


def without_timings(j):
    for k in j.pop("timing_fields"):
        j.pop(k)
    return j


def test_sweep_resnet18_is_the_commands():
    r = mo.dse("models/resnet18.onnx", sweep=GRID)
    want = cli_json("dse", "models/resnet18.onnx", "--sweep", GRID)
    assert r.to_dict() == without_timings(want)
    assert r.points_evaluated == 32
    assert r.points_valid == want["points_valid"] > 0
    assert r.best == want["best"]
    assert r.pareto == want["pareto"] and len(r.pareto) >= 1
    assert r.assignment == []
    df = r.to_pandas()
    assert list(df.runtime_cycles) == [p["runtime_cycles"]
                                       for p in want["pareto"]]
    assert len(r.to_pandas("ranked")) == len(want["ranked"]) == 10
    assert r.best_hardware.num_pes == want["best"]["pes"]


def test_sweep_with_options_and_hardware_is_the_commands():
    kw = dict(sweep="pes=32:128:32,l1=256|512", objective="edp",
              constraint="area<=5e6", dataflow="eyeriss", top=3)
    r = mo.dse("models/resnet18.onnx", hw="pe256", offchip_bw=32, **kw)
    want = cli_json("dse", "models/resnet18.onnx", "--sweep", kw["sweep"],
                    "--objective", "edp", "--constraint", "area<=5e6",
                    "--dataflow", "eyeriss", "--top", "3", "--hw", "pe256",
                    "--offchip-bw", "32")
    assert r.to_dict() == without_timings(want)
    assert r.data["base_hardware"]["offchip_bw"] == 32


def test_rl_ga_mobilenet_v2_is_the_commands():
    r = mo.dse("models/mobilenet_v2.onnx", strategy="rl-ga", budget=200,
               seed=3)
    want = cli_json("dse", "models/mobilenet_v2.onnx", "--strategy", "rl-ga",
                    "--budget", "200", "--seed", "3")
    assert r.to_dict() == without_timings(want)
    assert len(r.assignment) == len(want["assignment"]) > 0
    assert r.points_evaluated == want["points_evaluated"] > 0


def test_same_seed_same_result_other_seed_other_run():
    kw = dict(strategy="rl-ga", budget=200)
    a = mo.dse("models/mobilenet_v2.onnx", seed=5, **kw)
    b = mo.dse("models/mobilenet_v2.onnx", seed=5, threads=2, **kw)
    assert a.to_dict() == b.to_dict()
    c = mo.dse("models/mobilenet_v2.onnx", seed=6, **kw)
    assert c.to_dict()["config"]["seed"] == 6
    assert c.assignment != a.assignment


@pytest.mark.parametrize("kw,flags", [
    (dict(sweep="pes=0:64:8"), ["--sweep", "pes=0:64:8"]),
    (dict(sweep="pes=64:32:8"), ["--sweep", "pes=64:32:8"]),
    (dict(sweep="foo=1:2:1"), ["--sweep", "foo=1:2:1"]),
    (dict(strategy="annealing"), ["--strategy", "annealing"]),
    (dict(budget=100), ["--budget", "100"]),
    (dict(constraint="area<=-1"), ["--constraint", "area<=-1"]),
])
def test_bad_options_raise_the_commands_message(kw, flags):
    rc, _, err = cli("dse", "models/resnet18.onnx", *flags, check=False)
    assert rc == 2
    with pytest.raises(mo.Error) as e:
        mo.dse("models/resnet18.onnx", **kw)
    assert err.strip() in (str(e.value), "error: " + str(e.value))


def test_missing_model_and_bad_hardware_field_raise():
    rc, _, err = cli("dse", "models/nope.onnx", check=False)
    with pytest.raises(mo.Error) as e:
        mo.dse("models/nope.onnx")
    assert str(e.value) in err
    with pytest.raises(mo.Error, match="unknown hardware field"):
        mo.dse("models/resnet18.onnx", num_pez=3)
