"""maestro_onnx.distributed on a LocalCluster of 2 worker processes on the
loopback address: a study equals the one-process run, a search study over
the zoo run through search shards equals the unsharded searches, and a
study still equals the one-process run when a worker process is killed
while it runs a task (the task is run again, nothing is lost or counted
twice: the merge refuses an item or unique layer missing or in two
parts)."""
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


def study(models, hw_pes, search_shards=1):
    return mo.Study(models, dataflows="nvdla,eyeriss,shidiannao,tpu",
                    hardware=[mo.hardware(num_pes=p) for p in hw_pes],
                    searches=[dict(target="models/resnet18.onnx", layer="5",
                                   budget="evals=300", seed=3),
                              dict(target="models/alexnet.onnx",
                                   budget="evals=300", seed=3)],
                    search_shards=search_shards)


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
    parts, searches = mod.submit_study(client, s)
    assert parts == [] and [len(fs) for fs in searches] == [3] * len(ZOO)
    got = mod.gather_study(client, parts, searches)
    want = mo.run_study(s)
    assert got.results == [] and len(got.searches) == len(ZOO)
    assert got.same_as(want)
    assert [mask_timings(g.to_json()) for g in got.searches] == [
        mask_timings(w.to_json()) for w in want.searches]
    # A search's own `shards` overrides the study's; same result.
    one = mo.Study([], searches=[dict(target=ZOO[0], budget="evals=1000",
                                      seed=4, shards=7)])
    assert mod.run(client, one).same_as(mo.StudyResult([], want.searches[:1]))


def worker_pids(client):
    return client.run(os.getpid)  # {worker address: pid}


def test_a_worker_killed_mid_run(client):
    s = study(ZOO, (64, 128, 256), search_shards=2)
    want = mo.run_study(s)
    parts, searches = mod.submit_study(client, s)
    pids = worker_pids(client)
    # Wait until a task is running on some worker, then kill that process.
    victim = None
    for _ in range(2000):
        busy = {w: ks for w, ks in client.processing().items() if ks}
        if busy:
            victim = sorted(busy)[0]
            break
        time.sleep(0.005)
    assert victim is not None, "no task ever ran"
    by_key = {f.key: f for f in parts + sum(searches, [])}
    os.kill(pids[victim], signal.SIGKILL)
    # Tasks the dead worker held and had not finished: run again elsewhere.
    lost = [k for k in busy[victim] if k in by_key and
            by_key[k].status == "pending"]
    assert lost, "the worker was killed after its tasks finished"
    got = mod.gather_study(client, parts, searches)
    assert all(by_key[k].status == "finished" for k in lost)
    assert got.same_as(want)
