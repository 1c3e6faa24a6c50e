"""A study across the workers of a Dask cluster (docs/distributed.md)::

    from dask.distributed import Client, LocalCluster
    import maestro_onnx as mo, maestro_onnx.distributed as mod
    study = mo.Study(models, dataflows="all",
                     hardware=[mo.hardware(num_pes=p) for p in (64, 256)])
    with LocalCluster(n_workers=2, processes=True, host="127.0.0.1") as c, \\
            Client(c) as client:
        result = mod.run(client, study)
    result.same_as(mo.run_study(study))      # True

Each task runs one (model, hardware point) with all its dataflows, or one
shard of a search (``search(..., shard=(k, n))``, n = the study's
``search_shards``); tasks are pure functions of their arguments and keyed
by a hash of them, so a task retried after a worker dies gives the same
part. The parts are merged by the same code as ``maestro-onnx merge``,
which refuses an item or unique layer missing or counted twice: the result
equals the one-process run byte for byte (searches: timing fields aside).

A search study over many networks::

    study = mo.Study([], searches=[dict(target=m, budget="evals=2000")
                                   for m in zoo], search_shards=4)
    mod.run(client, study).searches     # one SearchResult per network
"""

import hashlib
import json

from . import _core, merge, StudyResult


def _run_items(spec, items, threads):
    return _core.run_items(spec, items, threads)


def _search_shard(path, options, shard):
    return _core.search_shard(path, options, shard)


def _search_key(study_key, i, path, options, shard):
    h = hashlib.sha256(json.dumps([path, options, shard],
                                  sort_keys=True).encode()).hexdigest()[:16]
    return "maestro-onnx-search-%s-%d-%s-%s" % (study_key, i, h,
                                                shard.replace("/", "of"))


def submit_study(client, study, threads=1, retries=2):
    """The study's futures: (part futures, one list of shard futures per
    search), in order."""
    key = study.key()
    spec = study.spec()
    parts = [client.submit(_run_items, spec, items, threads, pure=True,
                           retries=retries,
                           key="maestro-onnx-part-%s-%d-%d" % (
                               key, items[0], len(items)))
             for items in study.task_items() if items]
    searches = [[client.submit(_search_shard, path, options, shard,
                               pure=True, retries=retries,
                               key=_search_key(key, i, path, options, shard))
                 for path, options, shard in shards]
                for i, shards in enumerate(study.search_tasks())]
    return parts, searches


def gather_study(client, parts, searches):
    """The StudyResult of submit_study's futures (waits for them)."""
    texts = client.gather(parts)
    names = ["task %s" % f.key for f in parts]
    results = merge(texts, names) if texts else []
    merged = [merge(client.gather(fs), ["task %s" % f.key for f in fs])
              for fs in searches]
    return StudyResult(results, merged)


def run(client, study, threads=1, retries=2):
    """Runs ``study`` on ``client``'s workers; returns a StudyResult equal
    to ``maestro_onnx.run_study(study)`` (searches: timing fields aside).
    ``threads``: engine threads per task (1: let Dask spread the tasks over
    the workers' cores)."""
    parts, searches = submit_study(client, study, threads, retries)
    return gather_study(client, parts, searches)
