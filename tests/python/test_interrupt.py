"""Ctrl-C during mo.dse and mo.search (a SIGINT sent to this process from
a thread while the run is under way): the run stops at its next chunk or
batch boundary and raises mo.Interrupted, a KeyboardInterrupt, whose
``result`` is the best found so far, marked stopped early, as the command
prints it before exiting 130. The time from the signal to the exception is
printed (pytest -s), not asserted: the machine's load decides it."""
import os
import signal
import threading
import time

import pytest

import maestro_onnx as mo

# ResNet-50 over 4,194,304 design points (about 10 s of CPU at 10^5-10^6
# points per second), stopped after 2 s (the model loads in well under 1).
TARGET = "models/resnet50.onnx"
GRID = "pes=8:2048:8,noc_bw=2:256:2,offchip_bw=2:256:2"
POINTS = 256 * 128 * 128


def interrupt_after(seconds, run):
    """run() with a SIGINT after `seconds`; (its exception, seconds from the
    signal to the exception)."""
    sent = []

    def send():
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(seconds, send)
    try:
        timer.start()
        with pytest.raises(mo.Interrupted) as e:
            run()
        took = time.monotonic() - sent[0]
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    print("stopped %.3f s after the signal" % took)
    assert isinstance(e.value, KeyboardInterrupt)
    return e.value, took


def test_ctrl_c_stops_a_dse_sweep_with_its_best():
    e, _ = interrupt_after(2.0, lambda: mo.dse(TARGET, sweep=GRID))
    r = e.result
    assert isinstance(r, mo.DseResult)
    assert r.data["stopped_early"] is True
    assert 0 < r.points_evaluated < POINTS
    assert r.best["runtime_cycles"] > 0


def test_ctrl_c_stops_a_dse_shard_with_its_part():
    e, _ = interrupt_after(2.0, lambda: mo.dse(TARGET, sweep=GRID,
                                               shard=(0, 1)))
    assert isinstance(e.result, mo.DsePart)
    assert e.result.data["result"]["stopped_early"] is True
    assert 0 < e.result.points_evaluated < POINTS
    # The merge of an interrupted part says so.
    assert mo.merge([e.result]).data["stopped_early"] is True


def test_ctrl_c_stops_a_search_with_its_best():
    e, _ = interrupt_after(2.0, lambda: mo.search(
        "models/resnet18.onnx", budget="evals=10000000", seed=1))
    r = e.result
    assert isinstance(r, mo.SearchResult)
    assert r.data["interrupted"] is True
    assert len(r.layers) > 0


def test_other_exceptions_of_a_signal_handler_propagate():
    class Stop(Exception):
        pass

    def handler(signum, frame):
        raise Stop

    previous = signal.signal(signal.SIGINT, handler)
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT))
    try:
        timer.start()
        with pytest.raises(Stop):
            mo.dse(TARGET, sweep=GRID)
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)


def test_no_signal_no_interruption():
    r = mo.dse("models/resnet18.onnx", sweep="pes=64:256:64")
    assert r.data["stopped_early"] is False and r.points_evaluated == 4
