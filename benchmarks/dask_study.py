"""The done-when study of docs/distributed.md: the ten zoo models x 8
dataflows x 16 hardware points on a 2-worker LocalCluster (loopback only),
compared with the one-process run. Run once by hand (not in CI):

    PYTHONPATH=build/python /usr/bin/python3 benchmarks/dask_study.py
"""
import glob
import time

import distributed

import maestro_onnx as mo
import maestro_onnx.distributed as mod


def main():
    models = sorted(glob.glob("models/*.onnx"))
    dataflows = [d["name"] for d in mo.dataflows()][:8]
    hw = [mo.hardware("pe256", num_pes=p, l2_size=l2)
          for p in (64, 128, 256, 512) for l2 in (32768, 131072, 524288, 2097152)]
    study = mo.Study(models, dataflows=dataflows, hardware=hw)
    print("study: %d models x %d dataflows x %d hardware points = %d items" % (
        len(models), len(dataflows), len(hw), study.items()))
    t = time.time()
    one = mo.run_study(study, threads=1)
    print("one process, 1 thread: %.1f s" % (time.time() - t))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                  processes=True, host="127.0.0.1",
                                  dashboard_address=None,
                                  silence_logs=40) as cluster, \
            distributed.Client(cluster) as client:
        t = time.time()
        got = mod.run(client, study)
        print("2 Dask workers: %.1f s, %d tasks" % (
            time.time() - t, len(study.task_items())))
    same = got.same_as(one)
    print("equal to the one-process run: %s (%d results, %d bytes of JSON)" % (
        same, len(got.results), sum(len(r.to_json()) for r in got.results)))
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
