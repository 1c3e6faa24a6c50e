"""A search study over the ten zoo networks (docs/distributed.md): each
network searched with --budget evals=2000, seed 4, in 3 shards (30 Dask
tasks) on a 2-worker LocalCluster (loopback only), compared with the
unsharded searches in one process. Run by hand (not in CI):

    PYTHONPATH=build/python /usr/bin/python3 benchmarks/dask_search_study.py
"""
import glob
import time

import distributed

import maestro_onnx as mo
import maestro_onnx.distributed as mod


def main():
    zoo = sorted(glob.glob("models/*.onnx"))
    study = mo.Study([], searches=[dict(target=m, budget="evals=2000", seed=4)
                                   for m in zoo], search_shards=3)
    t = time.time()
    one = mo.run_study(study)
    print("one process: %.1f s" % (time.time() - t))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                  processes=True, host="127.0.0.1",
                                  dashboard_address=None,
                                  silence_logs=40) as cluster, \
            distributed.Client(cluster) as client:
        t = time.time()
        result = mod.run(client, study)
        print("2 Dask workers: %.1f s, %d tasks" % (
            time.time() - t, sum(len(s) for s in study.search_tasks())))
    for m, s in zip(zoo, result.searches):
        t = s.totals
        print("%-30s %2d layers %10d cycles (best library %s: %d)" % (
            m, len(s.layers), t["runtime_cycles"], t["best_single_library"],
            t["best_single_library_runtime_cycles"]))
    print("equal to the one-process run:", result.same_as(one))


if __name__ == "__main__":
    main()
