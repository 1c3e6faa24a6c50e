"""A study across the workers of a Dask cluster (docs/distributed.md)::

    from dask.distributed import Client, LocalCluster
    import maestro_onnx as mo, maestro_onnx.distributed as mod
    study = mo.Study(models, dataflows="all",
                     hardware=[mo.hardware(num_pes=p) for p in (64, 256)])
    with LocalCluster(n_workers=2, processes=True, host="127.0.0.1") as c, \\
            Client(c) as client:
        result = mod.run(client, study)
    result.same_as(mo.run_study(study))      # True

Each task runs one (model, hardware point) with all its dataflows, one
shard of a search (``search(..., shard=(k, n))``, n = the study's
``search_shards``) or one shard of a dse sweep (n = ``dse_shards``); tasks are pure functions of their arguments and keyed
by a hash of them, so a task retried after a worker dies gives the same
part. The parts are merged by the same code as ``maestro-onnx merge``,
which refuses an item, unique layer or cost key missing or counted twice:
the result equals the one-process run byte for byte (searches and dse
sweeps: timing fields aside).

A dse sweep split into shards, one task each (``dse(..., shard=(k,
n))``, n = ``dse_shards`` or the sweep's own ``shards``)::

    study = mo.Study([], dse=[dict(target="models/resnet18.onnx",
                                   sweep="pes=64:512:64,noc_bw=16|64")],
                     dse_shards=4)
    mod.run(client, study).dse[0]       # == mo.dse(...) (timings aside)

A search study over many networks::

    study = mo.Study([], searches=[dict(target=m, budget="evals=2000")
                                   for m in zoo], search_shards=4)
    mod.run(client, study).searches     # one SearchResult per network
"""

import hashlib
import json

from . import _core, merge, DseResult, StudyResult


def _run_items(spec, items, threads):
    return _core.run_items(spec, items, threads)


def _search_shard(path, options, shard):
    return _core.search_shard(path, options, shard)


def _dse_shard(path, options, shard):
    """A dse sweep's part ("k/n"), or with shard None its JSON."""
    return _core.dse(path, options, shard or "")[0]


def _task_key(kind, study_key, i, path, options, shard):
    """maestro-onnx-KIND-STUDYHASH-I-HASH-KofN, HASH of the target, options
    and shard (two studies' tasks never share a key)."""
    h = hashlib.sha256(json.dumps([path, options, shard],
                                  sort_keys=True).encode()).hexdigest()[:16]
    return "maestro-onnx-%s-%s-%d-%s-%s" % (
        kind, study_key, i, h, (shard or "whole").replace("/", "of"))


def _submit_calls(client, kind, fn, tasks, key, retries):
    return [[client.submit(fn, path, options, shard, pure=True,
                           retries=retries,
                           key=_task_key(kind, key, i, path, options, shard))
             for path, options, shard in shards]
            for i, shards in enumerate(tasks)]


def _gather_dse(client, futures):
    texts = client.gather(futures)
    if json.loads(texts[0])["schema"] == "maestro-onnx.dse":
        return DseResult(texts[0])  # one unsharded task (shards 1)
    return merge(texts, ["task %s" % f.key for f in futures])


def submit_study(client, study, threads=1, retries=2):
    """The study's futures: (part futures, one list of shard futures per
    search, one list of shard futures per dse sweep), in order."""
    key = study.key()
    spec = study.spec()
    parts = [client.submit(_run_items, spec, items, threads, pure=True,
                           retries=retries,
                           key="maestro-onnx-part-%s-%d-%d" % (
                               key, items[0], len(items)))
             for items in study.task_items() if items]
    searches = _submit_calls(client, "search", _search_shard,
                             study.search_tasks(), key, retries)
    dses = _submit_calls(client, "dse", _dse_shard, study.dse_tasks(), key,
                         retries)
    return parts, searches, dses


def gather_study(client, parts, searches, dses=()):
    """The StudyResult of submit_study's futures (waits for them)."""
    texts = client.gather(parts)
    names = ["task %s" % f.key for f in parts]
    results = merge(texts, names) if texts else []
    merged = [merge(client.gather(fs), ["task %s" % f.key for f in fs])
              for fs in searches]
    return StudyResult(results, merged, [_gather_dse(client, fs)
                                         for fs in dses])


def run(client, study, threads=1, retries=2):
    """Runs ``study`` on ``client``'s workers; returns a StudyResult equal
    to ``maestro_onnx.run_study(study)`` (searches and dse sweeps: timing
    fields aside). ``threads``: engine threads per task (1: let Dask spread
    the tasks over the workers' cores; a search's or sweep's own
    ``threads`` option is its own)."""
    return gather_study(client, *submit_study(client, study, threads,
                                              retries))
