"""Shared by the Python tests: the command line to compare with (MO_CLI,
set by ctest) and the repository root as the working directory."""
import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
ZOO = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "models").glob("*.onnx"))


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def cli_path():
    return os.environ.get("MO_CLI", str(ROOT / "build/tools/maestro-onnx"))


def cli(*args, check=True):
    """(exit code, stdout, stderr) of maestro-onnx ARGS."""
    p = subprocess.run([cli_path(), *args], cwd=ROOT, capture_output=True,
                       text=True)
    if check and p.returncode != 0:
        raise AssertionError("maestro-onnx %s: exit %d\n%s" % (
            " ".join(args), p.returncode, p.stderr))
    return p.returncode, p.stdout, p.stderr


def cli_json(*args):
    return json.loads(cli(*args, "--format", "json")[1])
