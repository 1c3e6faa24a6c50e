"""maestro_onnx.distributed on a LocalCluster of 2 worker processes on the
loopback address: a study equals the one-process run, a search study over
the zoo run through search shards equals the unsharded searches, dse
sweeps run through sweep shards equal the one-process mo.dse, and a study
(with searches and dse sweeps in shards) still equals the one-process run
when a worker process is killed while it runs a task (the task is run
again, nothing is lost or counted twice: the merge refuses an item, unique
layer or cost key missing or in two parts)."""
import json
import re
import os
import signal
import time

import pytest

distributed = pytest.importorskip("distributed")

import maestro_onnx as mo
import maestro_onnx.distributed as mod
from conftest import ZOO, cli


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=40)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def study(models, hw_pes, search_shards=1, dse=(), dse_shards=1):
    return mo.Study(models, dataflows="nvdla,eyeriss,shidiannao,tpu",
                    hardware=[mo.hardware(num_pes=p) for p in hw_pes],
                    searches=[dict(target="models/resnet18.onnx", layer="5",
                                   budget="evals=300", seed=3),
                              dict(target="models/alexnet.onnx",
                                   budget="evals=300", seed=3)],
                    search_shards=search_shards, dse=dse,
                    dse_shards=dse_shards)


# Two dse sweeps: resnet18 over 32 points (16 cost keys), mobilenet_v2
# under --buffers fit over 24 (24 keys), energy objective, its own shards.
SWEEPS = [dict(target="models/resnet18.onnx",
               sweep="pes=64:512:64,l1=256|512,noc_bw=16|64"),
          dict(target="models/mobilenet_v2.onnx",
               sweep="pes=32:256:32,noc_bw=8|32|128", buffers="fit",
               objective="energy", shards=3)]


def one_process_dse(sweep):
    d = dict(sweep)
    d.pop("shards", None)
    return mo.dse(**d)


def mask_timings(text):
    """The search JSON text with its timing fields' values replaced."""
    names = {f.split(".")[-1] for f in json.loads(text)["timing_fields"]}
    return re.sub(r'"(%s)": [^,\n]+' % "|".join(sorted(names)), r'"\1": T',
                  text)


def test_study_equals_one_process_and_the_command(client):
    s = study(ZOO[:4], (64, 256))
    got = mod.run(client, s)
    assert got.same_as(mo.run_study(s))
    _, out, _ = cli(*ZOO[:4], "--dataflow", "nvdla,eyeriss,shidiannao,tpu",
                    "--pes", "64", "--format", "json")
    assert got.results[0].to_json() == out
    assert len(got.searches) == 2


def test_a_search_study_over_the_zoo_through_shards(client):
    # Searches only: every zoo network, each in 3 shards (30 tasks).
    s = mo.Study([], searches=[dict(target=m, budget="evals=1000", seed=4)
                               for m in ZOO], search_shards=3)
    parts, searches, dses = mod.submit_study(client, s)
    assert parts == [] and dses == []
    assert [len(fs) for fs in searches] == [3] * len(ZOO)
    got = mod.gather_study(client, parts, searches, dses)
    want = mo.run_study(s)
    assert got.results == [] and len(got.searches) == len(ZOO)
    assert got.same_as(want)
    assert [mask_timings(g.to_json()) for g in got.searches] == [
        mask_timings(w.to_json()) for w in want.searches]
    # A search's own `shards` overrides the study's; same result.
    one = mo.Study([], searches=[dict(target=ZOO[0], budget="evals=1000",
                                      seed=4, shards=7)])
    assert mod.run(client, one).same_as(mo.StudyResult([], want.searches[:1]))


@pytest.mark.parametrize("n", [2, 7, 20])
def test_dse_sweeps_through_shards(client, n):
    # 20 shards: more than resnet18's 16 cost keys (some parts empty).
    s = mo.Study([], dse=SWEEPS, dse_shards=n)
    parts, searches, dses = mod.submit_study(client, s)
    assert parts == [] and searches == []
    assert [len(fs) for fs in dses] == [n, 3]
    assert all("-dse-" in f.key for f in dses[0] + dses[1])
    got = mod.gather_study(client, parts, searches, dses)
    want = [one_process_dse(d) for d in SWEEPS]
    assert [mask_timings(g.to_json()) for g in got.dse] == [
        mask_timings(w.to_json()) for w in want]
    assert [g.points_evaluated for g in got.dse] == [32, 24]
    assert got.dse[0].best["runtime_cycles"] > 0
    assert got.same_as(mo.run_study(s))


def test_dse_one_task_and_other_strategies(client):
    # shards 1: one unsharded task (its JSON, not a part); a strategy other
    # than the sweep runs as one task; sharded, it is refused as the
    # command refuses it.
    sweeps = [dict(target="models/resnet18.onnx", sweep="pes=64:256:64"),
              dict(target="models/resnet18.onnx", strategy="random",
                   budget=40, seed=2)]
    got = mod.run(client, mo.Study([], dse=sweeps))
    want = [mo.dse(**d) for d in sweeps]
    assert [mask_timings(g.to_json()) for g in got.dse] == [
        mask_timings(w.to_json()) for w in want]
    bad = mo.Study([], dse=[dict(sweeps[1], shards=2)])
    with pytest.raises(mo.Error, match="only the sweep is sharded"):
        mod.run(client, bad, retries=0)


def worker_pids(client):
    return client.run(os.getpid)  # {worker address: pid}


# A sweep whose 4 shards each cost long enough (524,288 points of
# ResNet-50, about 1.5 s of CPU in all) to be killed mid-run.
HEAVY = dict(target="models/resnet50.onnx",
             sweep="pes=16:2048:16,noc_bw=4:256:4,offchip_bw=4:256:4",
             constraint="area<=5e6")


def test_a_worker_killed_mid_run(client):
    s = study(ZOO, (64, 128, 256), search_shards=2, dse=SWEEPS + [HEAVY],
              dse_shards=4)
    want = mo.run_study(s)
    parts, searches, dses = mod.submit_study(client, s)
    pids = worker_pids(client)
    # Wait until a worker runs a shard of the heavy sweep, then kill that
    # process (the tasks before it keep the workers busy until then).
    heavy = {f.key for f in dses[2]}
    victim = None
    deadline = time.monotonic() + 600  # a hang guard, not a timing check
    while victim is None and time.monotonic() < deadline:
        busy = {w: ks for w, ks in client.processing().items()
                if heavy & set(ks)}
        if busy:
            victim = sorted(busy)[0]
            break
        time.sleep(0.005)
    assert victim is not None, "no shard of the sweep ever ran"
    by_key = {f.key: f for f in parts + sum(searches, []) + sum(dses, [])}
    os.kill(pids[victim], signal.SIGKILL)
    # Tasks the dead worker held and had not finished: run again elsewhere.
    lost = [k for k in busy[victim] if k in by_key and
            by_key[k].status == "pending"]
    assert heavy & set(lost), "the worker was killed after its dse shard"
    got = mod.gather_study(client, parts, searches, dses)
    assert all(by_key[k].status == "finished" for k in lost)
    assert got.same_as(want) and len(got.dse) == 3
    assert got.dse[2].points_evaluated == 524288
