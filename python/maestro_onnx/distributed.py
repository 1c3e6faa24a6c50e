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
search; tasks are pure functions of their arguments and keyed by the
study's hash and their item numbers, so a task retried after a worker dies
gives the same part. The parts are merged in item order by the same code as
``maestro-onnx merge``, which refuses an item missing or counted twice: the
result equals the one-process run byte for byte.
"""

from . import _core, merge, SearchResult, StudyResult


def _run_items(spec, items, threads):
    return _core.run_items(spec, items, threads)


def _search(path, options):
    return _core.search(path, options)


def submit_study(client, study, threads=1, retries=2):
    """The study's futures: (part futures, search futures), in order."""
    key = study.key()
    spec = study.spec()
    parts = [client.submit(_run_items, spec, items, threads, pure=True,
                           retries=retries,
                           key="maestro-onnx-part-%s-%d-%d" % (
                               key, items[0], len(items)))
             for items in study.task_items() if items]
    searches = [client.submit(_search, path, options, pure=True,
                              retries=retries,
                              key="maestro-onnx-search-%s-%d" % (key, i))
                for i, (path, options) in enumerate(study.search_calls())]
    return parts, searches


def run(client, study, threads=1, retries=2):
    """Runs ``study`` on ``client``'s workers; returns a StudyResult equal
    to ``maestro_onnx.run_study(study)``. ``threads``: engine threads per
    task (1: let Dask spread the tasks over the workers' cores)."""
    parts, searches = submit_study(client, study, threads, retries)
    texts = client.gather(parts)
    names = ["task %s" % f.key for f in parts]
    return StudyResult(merge(texts, names),
                       [SearchResult(t) for t in client.gather(searches)])
