"""maestro_onnx: how a neural network runs on a DNN accelerator, from Python.

The same library as the ``maestro-onnx`` command (docs/python.md)::

    import maestro_onnx as mo
    r = mo.analyze("models/resnet50.onnx", dataflow="nvdla")
    r.totals["runtime_cycles"]        # the network under NVDLA on pe256
    r.to_dict()                       # == maestro-onnx ... --format json
    r.to_pandas()                     # one row per layer
    mo.analyze("models/resnet18.onnx", dataflow="all",
               hw=mo.hardware("pe256", num_pes=64))
    mo.search("models/resnet18.onnx", layer="3", budget="evals=2000", seed=7)
    mo.dse("models/resnet18.onnx", sweep="pes=64:256:64").best

Errors are ``mo.Error`` (a RuntimeError) with the command line's message.
Studies over models x dataflows x hardware points: ``mo.Study``,
``mo.run_study`` and ``maestro_onnx.distributed.run`` (Dask).
"""

import copy
import hashlib
import json
import os

from . import _core

Error = _core.Error

__all__ = [
    "Error", "Hardware", "hardware", "hardware_presets", "dataflows",
    "Model", "load_model", "Result", "analyze", "evaluate", "SearchResult",
    "SearchPart", "search", "DseResult", "DsePart", "dse", "Interrupted",
    "Study", "StudyResult", "run_study", "run_shard", "merge",
]


def _shape_flags(input_shapes):
    """{'x': (1, 3, 224, 224)} or ['x=1x3x224x224'] -> ['x=1x3x224x224']."""
    if not input_shapes:
        return []
    if isinstance(input_shapes, dict):
        return ["%s=%s" % (k, "x".join(str(_integer("input_shapes[%r]" % k,
                                                    d)) for d in v))
                for k, v in input_shapes.items()]
    return [str(s) for s in input_shapes]


def _value_flags(input_values):
    if not input_values:
        return []
    if isinstance(input_values, dict):
        return ["%s=%r" % (k, v) for k, v in input_values.items()]
    return [str(s) for s in input_values]


class Hardware:
    """One hardware point (fields as in docs/hardware.md), immutable.

    ``hw.num_pes``, ``hw.to_dict()``; equal when every field is equal."""

    def __init__(self, data):
        self._data = json.loads(_core.validate_hardware(json.dumps(data)))

    def __getattr__(self, name):
        try:
            return self.__dict__["_data"][name]
        except KeyError:
            raise AttributeError(name) from None

    def to_dict(self):
        return copy.deepcopy(self._data)

    def _json(self):
        return json.dumps(self._data)

    def __eq__(self, other):
        return isinstance(other, Hardware) and self._data == other._data

    def __hash__(self):
        return hash(self._json())

    def __reduce__(self):
        return (Hardware, (self._data,))

    def __repr__(self):
        d = self._data
        return ("Hardware(%r: %d PEs, L1 %d, L2 %d, NoC %d, off-chip %d, "
                "SIMD %d)" % (d["name"], d["num_pes"], d["l1_size"],
                              d["l2_size"], d["noc_bw"], d["offchip_bw"],
                              d["simd_lanes"]))


def hardware(spec=None, **fields):
    """A hardware point: a preset name (``hardware_presets()``), a hardware
    file (MAESTRO .m or JSON), a dict from ``Hardware.to_dict()``, or None
    (pe256); ``fields`` override num_pes, l1_size, l2_size, noc_bw,
    noc_latency, offchip_bw, simd_lanes as the command line's flags do."""
    if isinstance(spec, Hardware):
        if not fields:
            return spec
        spec = spec.to_dict()
    if isinstance(spec, dict):
        data = dict(spec)
        data.update(fields)
        return Hardware(data)
    text = _core.resolve_hardware("" if spec is None else os.fspath(spec),
                                  {k: _integer(k, v)
                                   for k, v in fields.items()})
    return Hardware(json.loads(text))


def hardware_presets():
    return list(_core.hardware_presets())


def dataflows():
    """The dataflow library: [{'name', 'description', 'aliases',
    'layer_types'}] in library order (``maestro-onnx dataflows``)."""
    return json.loads(_core.dataflows())


def _hardware_points(hw):
    if isinstance(hw, (list, tuple)):
        return [hardware(h) for h in hw], True
    return [hardware(hw)], False


def _dataflow_spec(dataflow):
    if isinstance(dataflow, (list, tuple)):
        return ",".join(os.fspath(d) for d in dataflow)
    return os.fspath(dataflow)


class Model:
    """An ONNX model's layers and coverage (``maestro-onnx layers --format
    json``): ``.layers`` (one dict per extracted layer), ``.coverage`` (the
    verdict on every other node), ``.data`` (the whole report)."""

    def __init__(self, path, data, frontend):
        self.path = os.fspath(path)
        self.name = os.path.splitext(os.path.basename(self.path))[0]
        self.data = data
        self._frontend = frontend

    @property
    def layers(self):
        return self.data["layers"]

    @property
    def coverage(self):
        return self.data["coverage"]

    def __repr__(self):
        return "Model(%r: %d layers)" % (self.path, len(self.layers))


def load_model(path, input_shapes=None, input_values=None, conv_form="exact"):
    frontend = (_shape_flags(input_shapes), _value_flags(input_values),
                conv_form)
    data = json.loads(_core.load_model(os.fspath(path), *frontend))
    return Model(path, data, frontend)


class _JsonDocument:
    """A JSON text the library produced: ``data`` its value, ``to_json()``
    the text (as the command prints it), ``to_dict()`` a fresh copy."""

    def __init__(self, text):
        self._text = text
        self.data = json.loads(text)

    def to_json(self):
        return self._text + "\n"

    def to_dict(self):
        return json.loads(self._text)


class Result(_JsonDocument):
    """One hardware point's result: exactly what ``maestro-onnx MODELS...
    --format json`` prints (``to_json()`` is that text, ``to_dict()`` its
    value). ``runs`` are its (network, dataflow) runs; ``totals`` and
    ``layers`` are the run's when there is one (else use ``run()``)."""

    @property
    def hardware(self):
        return Hardware(self.data["hardware"])

    @property
    def runs(self):
        return self.data["dataflows"]

    @property
    def models(self):
        return self.data["models"]

    def run(self, dataflow=None, network=None):
        found = [r for r in self.runs
                 if (dataflow is None or r["dataflow"] == dataflow)
                 and (network is None or r["network"] == network)]
        if len(found) != 1:
            have = ", ".join("%s/%s" % (r["network"], r["dataflow"])
                             for r in self.runs)
            raise Error("%d runs match dataflow=%r network=%r; the result "
                        "has %s" % (len(found), dataflow, network, have))
        return found[0]

    @property
    def totals(self):
        return self.run()["totals"]

    @property
    def layers(self):
        return self.run()["layers"]

    def to_pandas(self):
        """One row per (network, dataflow, layer): the layer's fields, its
        accesses flattened (``input.l2_read``...) and ``costed``."""
        import pandas as pd
        rows = []
        for r in self.runs:
            for i, layer in enumerate(r["layers"]):
                row = {"network": r["network"], "dataflow": r["dataflow"],
                       "index": i}
                for k, v in layer.items():
                    if isinstance(v, dict):
                        for k2, v2 in _flatten(v, k):
                            row[k2] = v2
                    elif not isinstance(v, list):
                        row[k] = v
                rows.append(row)
        return pd.DataFrame(rows)

    def __eq__(self, other):
        return isinstance(other, Result) and self._text == other._text

    def __repr__(self):
        return "Result(%s on %s)" % (
            ", ".join("%s/%s" % (r["network"], r["dataflow"])
                      for r in self.runs), self.data["hardware"]["name"])


def _flatten(d, prefix):
    for k, v in d.items():
        key = "%s.%s" % (prefix, k)
        if isinstance(v, dict):
            yield from _flatten(v, key)
        elif not isinstance(v, list):
            yield key, v


def _model_paths(model):
    models = model if isinstance(model, (list, tuple)) else [model]
    paths, frontends = [], set()
    for m in models:
        if isinstance(m, Model):
            paths.append(m.path)
            frontends.add(json.dumps(m._frontend))
        else:
            paths.append(os.fspath(m))
    return paths, frontends


def analyze(model, dataflow="nvdla", hw=None, semantics="exact",
            input_shapes=None, input_values=None, conv_form="exact",
            threads=0):
    """The main job on one model (path or Model) or a list of them, under
    ``dataflow`` (a name, alias, ``"all"``, a .m file, or a list) on ``hw``
    (anything ``hardware()`` takes, or a list of them: then one Result per
    hardware point). ``threads=0`` uses every core, as the command does;
    results do not depend on it."""
    paths, frontends = _model_paths(model)
    if frontends and input_shapes is None and input_values is None:
        if len(frontends) > 1:
            raise Error("models loaded with different input shapes/values; "
                        "analyze them separately")
        shapes, values, conv_form = json.loads(frontends.pop())
    else:
        shapes, values = _shape_flags(input_shapes), _value_flags(input_values)
    points, several = _hardware_points(hw)
    texts = _core.analyze(paths, _dataflow_spec(dataflow),
                          [h._json() for h in points], semantics, shapes,
                          values, conv_form, _integer("threads", threads))
    results = [Result(t) for t in texts]
    return results if several else results[0]


def evaluate(path, hw=None, semantics="exact"):
    """``maestro-onnx eval FILE.m --format json``: the cost model on a
    MAESTRO mapping file (layers with their dataflows) as a dict."""
    return json.loads(_core.evaluate(os.fspath(path), hardware(hw)._json(),
                                     semantics))


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (SIGINT) during ``search()`` or ``dse()``: the run stops at its
    next batch (search) or chunk of 256 points (dse) boundary, within a
    second, and this is raised, a KeyboardInterrupt carrying the best found
    so far as ``result``: a DseResult or DsePart (``stopped_early`` true)
    or a SearchResult (``interrupted`` true), what the command prints
    before it exits 130. Only a signal delivered to Python's main thread
    interrupts; a run in another thread (a Dask worker) is not stopped by
    it. ``search(..., shard=...)`` runs to its end (the command writes no
    part of an interrupted search shard)."""

    def __init__(self, result):
        super().__init__("interrupted (Ctrl-C); the best found so far is "
                         "the exception's .result")
        self.result = result


def _interruptible(result, interrupted):
    """``result``, or raises Interrupted(result) when Ctrl-C stopped it."""
    if interrupted:
        raise Interrupted(result)
    return result


class SearchResult(_JsonDocument):
    """``maestro-onnx search ... --format json`` (docs/search.schema.json):
    ``to_dict()``; ``layers`` (one per searched layer), ``totals``; timing
    fields (listed in ``data['timing_fields']``) depend on the machine."""

    @property
    def layers(self):
        return self.data["layers"]

    @property
    def totals(self):
        return self.data.get("totals", self.data.get("network"))

    def without_timings(self):
        """to_dict() without the machine-dependent fields."""
        return _drop_keys(self.to_dict(), set(self.data.get("timing_fields",
                                                            [])))

    def to_pandas(self):
        import pandas as pd
        rows = []
        for layer in self.layers:
            row = {}
            for k, v in layer.items():
                if isinstance(v, dict):
                    row.update(dict(_flatten(v, k)))
                elif not isinstance(v, list):
                    row[k] = v
            rows.append(row)
        return pd.DataFrame(rows)


def _drop_keys(v, keys):
    if isinstance(v, dict):
        return {k: _drop_keys(x, keys) for k, x in v.items() if k not in keys}
    if isinstance(v, list):
        return [_drop_keys(x, keys) for x in v]
    return v


_SEARCH_DEFAULTS = dict(layer=None, strategy="gamma", objective="latency",
                        budget=None, seed=1, threads=0, levels=3, tiles="any",
                        population=100, max_space=1e8, marvel_cap=1e6,
                        marvel_layout="searched", semantics="exact")


def _search_options(target, hw, input_shapes, input_values, options):
    unknown = set(options) - set(_SEARCH_DEFAULTS)
    if unknown:
        raise Error("unknown search option(s) %s; expected %s" % (
            ", ".join(sorted(unknown)), ", ".join(_SEARCH_DEFAULTS)))
    o = dict(_SEARCH_DEFAULTS)
    o.update(options)
    if o["layer"] is not None:
        o["layer"] = str(o["layer"])
    o["hw"] = hardware(hw)._json()
    o["input_shapes"] = _shape_flags(input_shapes)
    o["input_values"] = _value_flags(input_values)
    path = target.path if isinstance(target, Model) else os.fspath(target)
    return path, o


class _Part(_JsonDocument):
    """One shard's part: ``to_json()`` is the text of the part file the
    command writes with ``--shard K/N -o PART.json``; ``merge`` of the parts
    of every shard k = 0..n-1, in any order, is the unsharded run's
    result."""

    @property
    def shard(self):
        """(k, n): shard k of n."""
        s = self.data["shard"]
        return s["index"], s["count"]


class SearchPart(_Part):
    """One shard of a search (``search(..., shard=(k, n))``), the part
    ``maestro-onnx search ... --shard K/N -o PART.json`` writes."""

    @property
    def unique_layers(self):
        """The numbers of the unique layers this shard searched."""
        return [layer["unique"] for layer in self.data["layers"]]

    def __repr__(self):
        return "SearchPart(%r, shard %d/%d: unique layers %s)" % (
            self.data["run"]["target"], *self.shard, self.unique_layers)


def _shard_text(shard):
    """(k, n) -> "k/n" (the command's --shard, which validates it)."""
    try:
        if not isinstance(shard, (tuple, list)):
            raise TypeError
        k, n = shard
        return "%d/%d" % (int(k), int(n))
    except (TypeError, ValueError):
        raise Error("shard %r; expected (k, n) with 0 <= k < n" %
                    (shard,)) from None


def search(target, hw=None, input_shapes=None, input_values=None, shard=None,
           **options):
    """``maestro-onnx search``: the best mapping of each layer of ``target``
    (an ONNX model, a Model or a .m file). Options as the command's flags:
    layer, strategy (gamma|gamma-compat|marvel|random|exhaustive), objective
    (latency|energy|edp), budget ("evals=N", "time=T", "stall=K"), seed,
    threads, levels, tiles (any|divisors|pow2), population, max_space,
    marvel_cap (marvel's Phase B: a kept candidate's whole on-chip subspace
    up to this many mappings, else a GA), marvel_layout (searched|row-major:
    marvel's Phase A searches each tensor's DRAM layout, or keeps each
    row-major), semantics. The same options and
    seed give the same result. Ctrl-C raises Interrupted with the best
    mappings found so far.

    ``shard=(k, n)``: only the unique layers u with u % n == k, as a
    SearchPart (``search --shard k/n``); ``merge`` of all n parts is this
    search's SearchResult (docs/distributed.md)."""
    path, o = _search_options(target, hw, input_shapes, input_values,
                              options)
    if shard is not None:
        return SearchPart(_core.search_shard(path, o, _shard_text(shard)))
    return _search_call(path, o)


class DseResult(_JsonDocument):
    """``maestro-onnx dse ... --format json`` (docs/dse.schema.json):
    ``best`` (the best design's fields, None when no point is valid),
    ``pareto``, ``ranked``, ``assignment`` (rl-ga / ga / random: one entry
    per layer, else []), ``points_evaluated``, ``points_valid``;
    ``to_dict()`` is the command's JSON without the timing fields
    (``timings`` has them), ``to_json()`` the command's text."""

    def to_dict(self):
        d = json.loads(self._text)
        return _drop_keys(d, set(d.get("timing_fields", [])) |
                          {"timing_fields"})

    @property
    def timings(self):
        return {k: self.data[k] for k in self.data.get("timing_fields", [])}

    @property
    def found(self):
        return self.data["found"]

    @property
    def best(self):
        return copy.deepcopy(self.data["best"])

    @property
    def pareto(self):
        return copy.deepcopy(self.data["pareto"])

    @property
    def ranked(self):
        return copy.deepcopy(self.data["ranked"])

    @property
    def assignment(self):
        return copy.deepcopy(self.data.get("assignment", []))

    @property
    def points_evaluated(self):
        return self.data["points_evaluated"]

    @property
    def points_valid(self):
        return self.data["points_valid"]

    @property
    def best_hardware(self):
        """The best design as a Hardware (None when no point is valid)."""
        b = self.data["best"]
        return Hardware(b["hardware"]) if b else None

    def to_pandas(self, table="pareto"):
        """One row per point of ``table``: "pareto" (the front) or
        "ranked" (the best valid points, best first)."""
        import pandas as pd
        if table not in ("pareto", "ranked"):
            raise Error("table %r; expected 'pareto' or 'ranked'" % (table,))
        return pd.DataFrame(self.data[table])

    def __repr__(self):
        b = self.data["best"]
        c = self.data["config"]
        return "DseResult(%s %s: %d points, %d valid, best %s)" % (
            c["strategy"], c["target"],
            self.points_evaluated, self.points_valid,
            "none" if not b else "%d PEs, %d cycles" % (
                b["pes"], b["runtime_cycles"]))


_DSE_DEFAULTS = dict(dataflow="nvdla", strategy="sweep",
                     sweep="pes=64:1024:64,noc_bw=8:256:8", constraint=None,
                     objective="latency", buffers="fixed", budget=None,
                     budget_fraction=0.5, reading="sum", seed=1, threads=0,
                     top=10, semantics="exact")


def _integer(name, value):
    """value as an int, or Error naming the option (as the extension's own
    options do: "threads 'x'; expected an integer"); True, 2.5 and "2" are
    not integers."""
    import numbers
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    raise Error("%s '%s'; expected an integer" % (name, value))


def _dse_options(target, options):
    """(path, the options _core.dse takes) of ``dse(target, **options)``:
    ``options`` are dse()'s keyword arguments (hw, input_shapes,
    input_values, the flags, hardware fields), defaults filled in."""
    options = dict(options)
    hw = options.pop("hw", None)
    shapes = options.pop("input_shapes", None)
    values = options.pop("input_values", None)
    fields = {k: options.pop(k) for k in list(options)
              if k not in _DSE_DEFAULTS}
    o = dict(_DSE_DEFAULTS)
    o.update(options)
    o.update(dataflow=_dataflow_spec(o["dataflow"]),
             budget=None if o["budget"] is None else str(o["budget"]),
             hw=hardware(hw, **fields)._json(),
             input_shapes=_shape_flags(shapes),
             input_values=_value_flags(values))
    path = target.path if isinstance(target, Model) else os.fspath(target)
    return path, o


def _run_dse(path, options, shard=None):
    """dse()'s result (a DseResult, or a DsePart with ``shard``)."""
    text, note, stopped = _core.dse(path, options,
                                    "" if shard is None else _shard_text(shard))
    if note:
        import warnings
        warnings.warn(note)
    return _interruptible(DseResult(text) if shard is None else DsePart(text),
                          stopped)


def dse(target, dataflow="nvdla", strategy="sweep",
        sweep="pes=64:1024:64,noc_bw=8:256:8", constraint=None,
        objective="latency", buffers="fixed", budget=None,
        budget_fraction=0.5, reading="sum", seed=1, threads=0, top=10,
        semantics="exact", hw=None, input_shapes=None, input_values=None,
        shard=None, **hw_fields):
    """``maestro-onnx dse``: which accelerator to build for ``target`` (an
    ONNX model, a Model or a .m file), as a DseResult. The options are the
    command's flags (docs/dse.md); ``hw`` and ``hw_fields`` (num_pes,
    l1_size, ...) the base hardware as ``hardware()`` takes them. The same
    options and seed give the same result, whatever ``threads``. Ctrl-C
    stops within a second and raises Interrupted with the best design of
    the points evaluated so far (``stopped_early`` true).

    ``shard=(k, n)`` (strategy sweep): only shard k of n of the grid, as a
    DsePart (``dse --shard k/n``); ``merge`` of all n parts is this run's
    DseResult (docs/distributed.md). ``Study(dse=[...])`` runs them as Dask
    tasks (maestro_onnx.distributed)."""
    options = dict(dataflow=dataflow, strategy=strategy, sweep=sweep,
                   constraint=constraint, objective=objective,
                   buffers=buffers, budget=budget,
                   budget_fraction=budget_fraction, reading=reading,
                   seed=seed, threads=threads, top=top, semantics=semantics,
                   hw=hw, input_shapes=input_shapes,
                   input_values=input_values, **hw_fields)
    path, o = _dse_options(target, options)
    return _run_dse(path, o, shard)


class DsePart(_Part):
    """One shard of a dse sweep (``dse(..., shard=(k, n))``), the part
    ``maestro-onnx dse ... --shard K/N -o PART.json`` writes."""

    @property
    def key_range(self):
        """[begin, end): the grid's cost keys this shard costed."""
        return tuple(self.data["key_range"])

    @property
    def points_evaluated(self):
        return self.data["result"]["points_evaluated"]

    def __repr__(self):
        return "DsePart(%r, shard %d/%d: cost keys %d..%d, %d points)" % (
            self.data["run"]["target"], *self.shard, self.key_range[0],
            self.key_range[1] - 1, self.points_evaluated)


def _shard_count(call, default, what):
    n = call.get("shards", default)
    if "target" not in call:
        raise Error("a %s of the study has no 'target'" % what)
    if not isinstance(n, int) or n < 1:
        raise Error("shards=%r for the %s of %r; expected a count >= 1" %
                    (n, what, call["target"]))
    return n


class Study:
    """models x dataflows x hardware points (and searches, dse sweeps), for
    ``run_study`` and ``maestro_onnx.distributed.run``.

    ``searches``: a list of dicts of ``search()``'s arguments (``target``
    required), e.g. one per network of a zoo. ``search_shards``: how many
    shards (``search(..., shard=(k, n))``) ``distributed.run`` splits each
    search into, one task each (a search's ``shards`` key overrides it);
    the shards merge into the unsharded search, so the result does not
    depend on it. ``dse`` and ``dse_shards``: the same for ``dse()`` sweeps
    (strategy sweep when sharded in more than one; another strategy is one
    task, ``shards`` 1). ``models`` may be empty (a study of searches or
    sweeps only)."""

    def __init__(self, models, dataflows="nvdla", hardware=None,
                 semantics="exact", input_shapes=None, input_values=None,
                 conv_form="exact", searches=(), search_shards=1, dse=(),
                 dse_shards=1):
        self.models, _ = _model_paths(models)
        self.dataflow = _dataflow_spec(dataflows)
        points, _ = _hardware_points(hardware if hardware is not None
                                     else [None])
        self.hardware = points
        self.semantics = semantics
        self.input_shapes = _shape_flags(input_shapes)
        self.input_values = _value_flags(input_values)
        self.conv_form = conv_form
        self.searches = [dict(s) for s in searches]
        self.search_shards = _integer("search_shards", search_shards)
        self.dse = [dict(d) for d in dse]
        self.dse_shards = _integer("dse_shards", dse_shards)
        self._search_counts = [_shard_count(s, self.search_shards, "search")
                               for s in self.searches]
        self._dse_counts = [_shard_count(d, self.dse_shards, "dse")
                            for d in self.dse]

    def spec(self):
        """The run's definition as JSON text (what every task receives)."""
        return json.dumps({
            "models": self.models, "dataflow": self.dataflow,
            "hardware": [h.to_dict() for h in self.hardware],
            "semantics": self.semantics, "input_shapes": self.input_shapes,
            "input_values": self.input_values, "conv_form": self.conv_form},
            sort_keys=True)

    def key(self):
        return hashlib.sha256(self.spec().encode()).hexdigest()[:16]

    def items(self):
        return _core.plan_items(self.spec()) if self.models else 0

    def task_items(self):
        """The items grouped as tasks: one per (model, hardware point), its
        dataflows together (the model is loaded once per task)."""
        per = len(self.hardware)
        n = self.items()
        d = n // (len(self.models) * per) if n else 0
        return [list(range(t * d, (t + 1) * d))
                for t in range(len(self.models) * per)]

    def search_calls(self):
        """One (path, options) per search, for ``_core.search``."""
        calls = []
        for s in self.searches:
            s = dict(s)
            s.pop("shards", None)
            target = s.pop("target")
            hw = s.pop("hw", None)
            shapes = s.pop("input_shapes", None)
            values = s.pop("input_values", None)
            calls.append(_search_options(target, hw, shapes, values, s))
        return calls

    def search_tasks(self):
        """Per search, its shards as (path, options, "k/n"), k = 0..n-1."""
        return [[(path, options, "%d/%d" % (k, n)) for k in range(n)]
                for (path, options), n in zip(self.search_calls(),
                                              self._search_counts)]

    def dse_calls(self):
        """One (path, options) per dse sweep, for ``_core.dse``."""
        calls = []
        for d in self.dse:
            d = dict(d)
            d.pop("shards", None)
            calls.append(_dse_options(d.pop("target"), d))
        return calls

    def dse_tasks(self):
        """Per dse sweep, its shards as (path, options, "k/n"), k = 0..n-1
        (one unsharded task, shard None, when n is 1)."""
        return [[(path, options, "%d/%d" % (k, n) if n > 1 else None)
                 for k in range(n)]
                for (path, options), n in zip(self.dse_calls(),
                                              self._dse_counts)]


class StudyResult:
    """``results``: one Result per hardware point, in the study's order;
    ``searches``: one SearchResult per search; ``dse``: one DseResult per
    dse sweep."""

    def __init__(self, results, searches, dse=()):
        self.results = results
        self.searches = searches
        self.dse = list(dse)

    def to_dict(self):
        return {"results": [r.to_dict() for r in self.results],
                "searches": [s.to_dict() for s in self.searches],
                "dse": [d.to_dict() for d in self.dse]}

    def same_as(self, other):
        """Equal results, searches and dse sweeps (timing fields aside)."""
        return (self.results == other.results and
                [s.without_timings() for s in self.searches] ==
                [s.without_timings() for s in other.searches] and
                [d.to_dict() for d in self.dse] ==
                [d.to_dict() for d in other.dse])


def run_shard(study, items, threads=1):
    """The part (JSON text) of the given item numbers of ``study``."""
    return _core.run_items(study.spec(), list(items),
                           _integer("threads", threads))


def _part_text(part):
    if isinstance(part, _Part):
        return part._text
    if isinstance(part, str):
        return part
    raise Error("a part of type %s; expected a SearchPart, a DsePart or a "
                "part's JSON text" % type(part).__name__)


def merge(parts, names=None):
    """Parts (any order) -> their run's result, as ``maestro-onnx merge``:
    a study's parts (``run_shard``'s JSON texts) -> one Result per hardware
    point; a search's parts (SearchPart, or their texts) -> the search's
    SearchResult; a dse sweep's parts (DsePart, or their texts) -> its
    DseResult. Raises Error when a part is missing, repeated, of another
    run, or of another kind."""
    parts = list(parts)
    names = list(names) if names else ["part %d" % i for i in
                                        range(len(parts))]
    kind, texts = _core.merge([_part_text(p) for p in parts], names)
    if kind == "search":
        return SearchResult(texts[0])
    if kind == "dse":
        return DseResult(texts[0])
    return [Result(t) for t in texts]


def run_study(study, threads=0):
    """The whole study in this process (the reference for distributed.run):
    the main job unsharded, each search and dse sweep unsharded."""
    results = []
    if study.models:
        results = merge([run_shard(study, range(study.items()), threads)])
    searches = [_search_call(p, o) for p, o in study.search_calls()]
    dses = [_run_dse(p, o) for p, o in study.dse_calls()]
    return StudyResult(results, searches, dses)


def _search_call(path, options):
    """search()'s result from _search_options' (path, options)."""
    text, stopped = _core.search(path, options)
    return _interruptible(SearchResult(text), stopped)
