#!/usr/bin/python3
"""Export test models the zoo in models/ does not have, with an independent
PyTorch MAC reference for each, to harden the ONNX frontend.

Needs Debian's python3-torch, python3-torchvision and python3-onnx (system
python; they generate fixtures only, the build does not need them):

    /usr/bin/python3 scripts/export_test_models.py [--out /tmp/xmodels] [case...]
    /usr/bin/python3 scripts/export_test_models.py --list

For each case it writes, under --out:
  full/<case>.onnx      every weight inline (large; never commit)
  wl/<case>.onnx        weightless: initializers >= 1 KiB become graph inputs
                        (doc_string "weightless:initializer"), as in
                        ../shared/models/export_torchvision.py
  ext/<case>.onnx       initializers kept with dims, data_location EXTERNAL,
                        the .data file not written
  ref/<case>.json       the MAC reference: every conv / linear / matmul call
                        made by the PyTorch forward pass at the exported input
                        shape (functional calls are counted too, so attention
                        matmuls and F.linear inside nn.MultiheadAttention or
                        torchvision's Swin are seen), plus the same MACs counted
                        by forward hooks on nn.Conv1d/2d/3d, nn.ConvTranspose1d/2d/3d
                        and nn.Linear as a cross-check; nn.LSTM / GRU / RNN (which
                        run through torch's C++ kernels, not F.*) by module
                        hooks.

The reference is independent of ONNX: it is computed from the PyTorch modules'
runtime tensor shapes, with these rules
  conv:            N * K * Yo * Xo * (C / groups) * R * S   (output numel * C/g * kernel)
  conv transpose:  N * C * Y * X * (K / groups) * R * S     (input numel * K/g * kernel)
  linear, matmul:  output numel * inner dim
  LSTM / GRU / RNN: T * B * gates * H * (I + H) per layer and direction
                   (gates 4 / 3 / 1; I = input size, or H * directions above
                   the first layer), as fvcore / ptflops count the gate GEMMs
"""
import argparse
import json
import os
import sys
import time
import traceback

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
import onnx
from onnx import helper, numpy_helper

WEIGHTLESS_DOC = "weightless:initializer"
SIZE_THRESHOLD = 1024


# --------------------------------------------------------------------------
# MAC reference
# --------------------------------------------------------------------------
class MacCounter:
    """Wraps torch's MAC functions while active; records top-level calls."""

    def __init__(self):
        self.calls = []
        self.depth = 0
        self.saved = []

    def _record(self, kind, macs, detail):
        self.calls.append({"kind": kind, "MACs": int(macs), "detail": detail})

    def _wrap(self, owner, attr, counter):
        orig = getattr(owner, attr)
        me = self

        def wrapper(*args, **kwargs):
            if me.depth:
                return orig(*args, **kwargs)
            me.depth += 1
            try:
                out = orig(*args, **kwargs)
            finally:
                me.depth -= 1
            counter(out, *args, **kwargs)
            return out

        self.saved.append((owner, attr, orig))
        setattr(owner, attr, wrapper)

    def __enter__(self):
        def conv(out, x, w, *a, **k):
            groups = k.get("groups", a[4] if len(a) > 4 else 1)
            kernel = 1
            for d in w.shape[2:]:
                kernel *= d
            self._record("conv", out.numel() * (x.shape[1] // groups) * kernel,
                         {"input": list(x.shape), "weight": list(w.shape),
                          "output": list(out.shape), "groups": groups})

        def convt(out, x, w, *a, **k):
            # conv_transpose(input, weight, bias, stride, padding, output_padding, groups)
            groups = k.get("groups", a[4] if len(a) > 4 else 1)
            kernel = 1
            for d in w.shape[2:]:
                kernel *= d
            # weight: [C, K/g, R, S]
            self._record("convtranspose", x.numel() * w.shape[1] * kernel,
                         {"input": list(x.shape), "weight": list(w.shape),
                          "output": list(out.shape), "groups": groups})

        def linear(out, x, w, *a, **k):
            self._record("linear", out.numel() * w.shape[-1],
                         {"input": list(x.shape), "weight": list(w.shape),
                          "output": list(out.shape)})

        def matmul(out, a_, b_, *a, **k):
            inner = a_.shape[-1]
            self._record("matmul", out.numel() * inner,
                         {"a": list(a_.shape), "b": list(b_.shape),
                          "output": list(out.shape)})

        def addmm(out, bias, a_, b_, *a, **k):
            self._record("matmul", out.numel() * a_.shape[-1],
                         {"a": list(a_.shape), "b": list(b_.shape),
                          "output": list(out.shape)})

        for name in ("conv1d", "conv2d", "conv3d"):
            self._wrap(F, name, conv)
        for name in ("conv_transpose1d", "conv_transpose2d", "conv_transpose3d"):
            self._wrap(F, name, convt)
        self._wrap(F, "linear", linear)
        for owner in (torch, torch.Tensor):
            for name in ("matmul", "bmm", "mm"):
                self._wrap(owner, name, matmul)
        self._wrap(torch.Tensor, "__matmul__", matmul)
        for name in ("baddbmm", "addmm"):
            self._wrap(torch, name, addmm)
        return self

    def __exit__(self, *exc):
        for owner, attr, orig in reversed(self.saved):
            setattr(owner, attr, orig)
        self.saved.clear()


RNN_GATES = {nn.LSTM: 4, nn.GRU: 3, nn.RNN: 1}


def rnn_layer_macs(m, inp):
    """Per layer of an nn.LSTM / GRU / RNN: T*B*gates*H*(I+H) x directions."""
    x = inp[0]
    if isinstance(x, nn.utils.rnn.PackedSequence):
        raise ValueError("packed sequences: lengths are data")
    t, b = (x.shape[1], x.shape[0]) if m.batch_first else (x.shape[0], x.shape[1])
    if x.dim() == 2:  # unbatched
        t, b = x.shape[0], 1
    gates = RNN_GATES[type(m)]
    dirs = 2 if m.bidirectional else 1
    h = m.hidden_size
    out = []
    for layer in range(m.num_layers):
        i = m.input_size if layer == 0 else h * dirs
        out.append(dirs * t * b * gates * h * (i + h))
    return out


def add_rnn_hooks(model, calls):
    handles = []

    def on_rnn(m, inp, out):
        for layer, macs in enumerate(rnn_layer_macs(m, inp)):
            calls.append({"kind": "rnn", "MACs": int(macs),
                          "detail": {"module": type(m).__name__, "layer": layer,
                                     "input": list(inp[0].shape)}})

    for m in model.modules():
        if type(m) in RNN_GATES:
            handles.append(m.register_forward_hook(on_rnn))
    return handles


def hook_macs(model, x, ctx):
    """MACs from forward hooks on the MAC modules (cross-check, no attention)."""
    total = {"conv": 0, "linear": 0, "convtranspose": 0, "rnn": 0}
    count = {"conv": 0, "linear": 0, "convtranspose": 0, "rnn": 0}
    handles = []

    def on_conv(m, inp, out):
        k = 1
        for d in m.kernel_size:
            k *= d
        total["conv"] += out.numel() * (m.in_channels // m.groups) * k
        count["conv"] += 1

    def on_convt(m, inp, out):
        k = 1
        for d in m.kernel_size:
            k *= d
        total["convtranspose"] += inp[0].numel() * (m.out_channels // m.groups) * k
        count["convtranspose"] += 1

    def on_linear(m, inp, out):
        total["linear"] += out.numel() * m.in_features
        count["linear"] += 1

    def on_rnn(m, inp, out):
        for macs in rnn_layer_macs(m, inp):
            total["rnn"] += macs
            count["rnn"] += 1

    for m in model.modules():
        if isinstance(m, (nn.Conv1d, nn.Conv2d, nn.Conv3d)):
            handles.append(m.register_forward_hook(on_conv))
        elif type(m) in RNN_GATES:
            handles.append(m.register_forward_hook(on_rnn))
        elif isinstance(m, (nn.ConvTranspose1d, nn.ConvTranspose2d, nn.ConvTranspose3d)):
            handles.append(m.register_forward_hook(on_convt))
        elif isinstance(m, nn.Linear):
            handles.append(m.register_forward_hook(on_linear))
    with ctx():
        model(*x)
    for h in handles:
        h.remove()
    return {"MACs": total, "counts": count}


def reference(model, x, ctx):
    with ctx(), MacCounter() as mc:
        handles = add_rnn_hooks(model, mc.calls)
        try:
            model(*x)
        finally:
            for h in handles:
                h.remove()
    totals, counts = {}, {}
    for c in mc.calls:
        totals[c["kind"]] = totals.get(c["kind"], 0) + c["MACs"]
        counts[c["kind"]] = counts.get(c["kind"], 0) + 1
    return {"calls": mc.calls, "MACs": totals, "counts": counts,
            "total": sum(totals.values()), "hooks": hook_macs(model, x, ctx)}


# --------------------------------------------------------------------------
# Weightless / external forms (as ../shared/models/export_torchvision.py)
# --------------------------------------------------------------------------
def make_weightless_inputs(model):
    keep, new_inputs = [], []
    for t in model.graph.initializer:
        nbytes = len(t.raw_data) if t.HasField("raw_data") else numpy_helper.to_array(t).nbytes
        if nbytes < SIZE_THRESHOLD:
            keep.append(t)
        else:
            vi = helper.make_tensor_value_info(t.name, t.data_type, list(t.dims))
            vi.doc_string = WEIGHTLESS_DOC
            new_inputs.append(vi)
    del model.graph.initializer[:]
    model.graph.initializer.extend(keep)
    names = {i.name for i in model.graph.input}
    model.graph.input.extend([v for v in new_inputs if v.name not in names])
    return model


def make_weightless_external(model, name):
    loc, offset = name + ".onnx.data", 0
    for t in model.graph.initializer:
        if not t.HasField("raw_data"):
            arr = numpy_helper.to_array(t)
            t.CopyFrom(numpy_helper.from_array(arr, t.name))
        n = len(t.raw_data)
        if n < SIZE_THRESHOLD:
            continue
        t.ClearField("raw_data")
        del t.external_data[:]
        for k, v in (("location", loc), ("offset", str(offset)), ("length", str(n))):
            e = t.external_data.add()
            e.key, e.value = k, v
        t.data_location = onnx.TensorProto.EXTERNAL
        offset += (n + 4095) // 4096 * 4096
    return model


# --------------------------------------------------------------------------
# Small custom modules for traps torchvision classifiers do not have
# --------------------------------------------------------------------------
class DataDependentBranch(nn.Module):
    """`if` on a tensor value: the exporter (via torch.jit.script) emits If."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.a = nn.Conv2d(8, 16, 3, padding=1)
        self.b = nn.Conv2d(8, 16, 1)
        self.head = nn.Linear(16, 10)

    def forward(self, x):
        y = self.stem(x)
        if bool(y.mean() > 0):
            y = self.a(y)
        else:
            y = self.b(y)
        return self.head(y.mean(dim=[2, 3]))


class ShapeDependentBranch(nn.Module):
    """`if` on the input size: constant once shapes are known (If inlined)."""

    def __init__(self):
        super().__init__()
        self.big = nn.Conv2d(3, 16, 7, stride=2, padding=3)
        self.small = nn.Conv2d(3, 16, 3, padding=1)
        self.head = nn.Linear(16, 10)

    def forward(self, x):
        if x.size(2) > 64:
            y = self.big(x)
        else:
            y = self.small(x)
        return self.head(y.mean(dim=[2, 3]))


class MixedOps(nn.Module):
    """Conv1d, ConvTranspose2d, dilated conv, F.pad, interpolate to a computed
    size, squeeze/unsqueeze, a Linear on a 3-D tensor, an activation matmul."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv1d(4, 8, 5, padding=2)
        self.c2 = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.dil = nn.Conv2d(16, 16, 3, padding=2, dilation=2)
        self.up = nn.ConvTranspose2d(16, 8, 4, stride=2, padding=1)
        self.grp = nn.Conv2d(8, 8, 3, padding=1, groups=2)
        self.proj = nn.Linear(8, 12)

    def forward(self, x, s):
        y = F.relu(self.c2(x))
        y = self.dil(F.pad(y, (1, 1, 1, 1)))
        y = self.up(y)
        y = F.interpolate(y, size=(x.shape[2] // 2, x.shape[3] // 2), mode="bilinear",
                          align_corners=False)
        y = self.grp(y)
        t = y.flatten(2).transpose(1, 2)            # [N, HW, 8]
        t = self.proj(t)                            # Linear on 3-D
        a = torch.matmul(t, t.transpose(1, 2))      # [N, HW, HW]
        z = self.c1(s).unsqueeze(2).squeeze(2)
        return a.mean() + z.mean()


class LstmLanguageModel(nn.Module):
    """Embedding + 2-layer LSTM + Linear (word-level LM, seq-first)."""

    def __init__(self, vocab=1000, emb=64, hidden=128):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb)
        self.lstm = nn.LSTM(emb, hidden, num_layers=2)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, tokens):
        y, _ = self.lstm(self.emb(tokens))
        return self.out(y)


class BiGruTagger(nn.Module):
    """Bidirectional GRU, batch-first, and a Linear over both directions."""

    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(32, 48, batch_first=True, bidirectional=True)
        self.out = nn.Linear(96, 10)

    def forward(self, x):
        y, _ = self.gru(x)
        return self.out(y)


class TanhRnn(nn.Module):
    """A 2-layer Elman RNN."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(16, 24, num_layers=2)
        self.out = nn.Linear(24, 4)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.out(y[-1])


class ConvTransposeDecoder(nn.Module):
    """The ConvTranspose forms decoders use: k2s2, k3s2p1op1, k4s2p1 grouped."""

    def __init__(self):
        super().__init__()
        self.enc = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.up1 = nn.ConvTranspose2d(16, 16, 2, stride=2)
        self.up2 = nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1)
        self.up3 = nn.ConvTranspose2d(8, 8, 4, stride=2, padding=1, groups=2)
        self.up4 = nn.ConvTranspose2d(8, 4, 4, stride=2, padding=1)
        self.head = nn.Conv2d(4, 2, 1)

    def forward(self, x):
        y = F.relu(self.enc(x))
        y = F.relu(self.up1(y))
        y = F.relu(self.up2(y))
        y = F.relu(self.up3(y))
        return self.head(self.up4(y))


class Tcn(nn.Module):
    """Dilated causal Conv1d stack (dilation 1, 2, 4, 8), TCN style."""

    def __init__(self, ch=16, k=3):
        super().__init__()
        self.inp = nn.Conv1d(8, ch, 1)
        self.convs = nn.ModuleList(
            nn.Conv1d(ch, ch, k, dilation=d, padding=(k - 1) * d) for d in (1, 2, 4, 8))
        self.out = nn.Conv1d(ch, 4, 1)

    def forward(self, x):
        y = self.inp(x)
        n = y.shape[2]
        for c in self.convs:
            y = F.relu(c(y)[:, :, :n]) + y  # chomp: causal
        return self.out(y)


class StridedDilated(nn.Module):
    """Convs with both stride and dilation: (2, 2), (2, 3), and (1, 2)x(2, 1)."""

    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 8, 3, stride=2, dilation=2, padding=2)
        self.b = nn.Conv2d(8, 8, 3, stride=2, dilation=3, padding=3)
        self.c = nn.Conv2d(8, 4, 3, stride=(1, 2), dilation=(2, 1), padding=(2, 1))

    def forward(self, x):
        return self.c(F.relu(self.b(F.relu(self.a(x)))))


# --------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------
def tv(name, **kw):
    return lambda: getattr(torchvision.models, name)(weights=None, **kw).eval()


def seg(name, **kw):
    return lambda: getattr(torchvision.models.segmentation, name)(
        weights=None, weights_backbone=None, **kw).eval()


def det(name, **kw):
    return lambda: getattr(torchvision.models.detection, name)(
        weights=None, weights_backbone=None, **kw).eval()


def video(name):
    return lambda: getattr(torchvision.models.video, name)(weights=None).eval()


def img(r=224, n=1):
    return lambda: (torch.randn(n, 3, r, r),)


DYN_ALL = {"input": {0: "batch", 2: "height", 3: "width"}}
DYN_BATCH = {"input": {0: "batch"}}

# name: (ctor, inputs, dict of options)
CASES = {
    "shufflenet_v2_x1_0": (tv("shufflenet_v2_x1_0"), img(), {}),
    "densenet121": (tv("densenet121"), img(), {}),
    "inception_v3": (tv("inception_v3", aux_logits=False, init_weights=True), img(299), {}),
    "mnasnet1_0": (tv("mnasnet1_0"), img(), {}),
    "regnet_y_400mf": (tv("regnet_y_400mf"), img(), {}),
    "resnext50_32x4d": (tv("resnext50_32x4d"), img(), {}),
    "convnext_tiny": (tv("convnext_tiny"), img(), {}),
    "mobilenet_v3_large": (tv("mobilenet_v3_large"), img(), {}),
    "swin_t": (tv("swin_t"), img(), {"grad": True}),
    "resnet50": (tv("resnet50"), img(), {}),
    "vgg16": (tv("vgg16"), img(), {}),
    # dynamic axes
    "resnet18_dyn": (tv("resnet18"), img(), {"dynamic_axes": DYN_ALL}),
    "shufflenet_v2_dyn": (tv("shufflenet_v2_x1_0"), img(), {"dynamic_axes": DYN_ALL}),
    "shufflenet_v2_dynbatch_op11": (tv("shufflenet_v2_x1_0"), img(),
                                    {"dynamic_axes": DYN_BATCH, "opset": 11}),
    "convnext_tiny_dyn": (tv("convnext_tiny"), img(), {"dynamic_axes": DYN_ALL}),
    # dynamic exports analysed at another shape than the one traced
    "shufflenet_v2_dyn_2x256x192": (tv("shufflenet_v2_x1_0"), img(),
                                    {"dynamic_axes": DYN_ALL,
                                     "ref_input": lambda: (torch.randn(2, 3, 256, 192),)}),
    "convnext_tiny_dyn_288": (tv("convnext_tiny"), img(),
                              {"dynamic_axes": DYN_ALL,
                               "ref_input": lambda: (torch.randn(1, 3, 288, 288),)}),
    "resnet18_dyn_3x320x256": (tv("resnet18"), img(),
                               {"dynamic_axes": DYN_ALL,
                                "ref_input": lambda: (torch.randn(3, 3, 320, 256),)}),
    # older opsets
    "shufflenet_v2_op11": (tv("shufflenet_v2_x1_0"), img(), {"opset": 11}),
    "shufflenet_v2_op13": (tv("shufflenet_v2_x1_0"), img(), {"opset": 13}),
    "mobilenet_v3_large_op11": (tv("mobilenet_v3_large"), img(), {"opset": 11}),
    "inception_v3_op13": (tv("inception_v3", aux_logits=False, init_weights=True), img(299),
                          {"opset": 13}),
    "regnet_y_400mf_op11": (tv("regnet_y_400mf"), img(), {"opset": 11}),
    "shufflenet_v2_op9": (tv("shufflenet_v2_x1_0"), img(), {"opset": 9}),
    "lraspp_mobilenet_v3_large_op10": (seg("lraspp_mobilenet_v3_large"), img(), {"opset": 10}),
    "mixed_ops_op10": (lambda: MixedOps().eval(),
                       lambda: (torch.randn(1, 3, 32, 32), torch.randn(1, 4, 50)),
                       {"input_names": ["input", "signal"], "opset": 10}),
    # segmentation: Resize to a computed size, dilated convs
    "lraspp_mobilenet_v3_large": (seg("lraspp_mobilenet_v3_large"), img(), {}),
    "lraspp_mobilenet_v3_large_op11": (seg("lraspp_mobilenet_v3_large"), img(), {"opset": 11}),
    "deeplabv3_mobilenet_v3_large": (seg("deeplabv3_mobilenet_v3_large", aux_loss=False),
                                     img(), {}),
    "fcn_resnet50": (seg("fcn_resnet50", aux_loss=False), img(), {}),
    "deeplabv3_resnet50": (seg("deeplabv3_resnet50", aux_loss=False), img(), {}),
    # video: Conv3d
    "r3d_18": (video("r3d_18"), lambda: (torch.randn(1, 3, 16, 112, 112),), {}),
    # recurrent
    "lstm_lm": (lambda: LstmLanguageModel().eval(),
                lambda: (torch.randint(0, 1000, (35, 2)),), {}),
    "bigru": (lambda: BiGruTagger().eval(), lambda: (torch.randn(2, 20, 32),), {}),
    "rnn_tanh": (lambda: TanhRnn().eval(), lambda: (torch.randn(10, 3, 16),), {}),
    # transposed, dilated 1-D, strided + dilated
    "convtranspose_decoder": (lambda: ConvTransposeDecoder().eval(), img(32), {}),
    "tcn_conv1d": (lambda: Tcn().eval(), lambda: (torch.randn(1, 8, 100),), {}),
    "strided_dilated": (lambda: StridedDilated().eval(), img(33), {}),
    # detection: data-dependent shapes (TopK, NonZero, NMS, RoIAlign), If, Loop
    "ssd300_vgg16": (det("ssd300_vgg16"), img(300), {"opset": 17}),
    "ssdlite320_mobilenet_v3_large": (det("ssdlite320_mobilenet_v3_large"), img(320), {"opset": 17}),
    "fasterrcnn_mobilenet_v3_large_320_fpn": (
        det("fasterrcnn_mobilenet_v3_large_320_fpn"), img(320), {"opset": 17}),
    # exporter options that change the graph's form
    "resnet18_nofold": (tv("resnet18"), img(), {"fold": False}),
    "mobilenet_v2_nofold_op11": (tv("mobilenet_v2"), img(), {"fold": False, "opset": 11}),
    "convnext_tiny_keepinputs": (tv("convnext_tiny"), img(), {"keep_inputs": True}),
    "mobilenet_v3_large_functions": (
        tv("mobilenet_v3_large"), img(),
        {"functions": "torchvision.models.mobilenetv3.InvertedResidual"}),
    # control flow and mixed ops
    "if_data_dependent": (lambda: DataDependentBranch().eval(), img(32), {"script": True}),
    "if_shape_dependent": (lambda: ShapeDependentBranch().eval(), img(96),
                           {"script": True, "dynamic_axes": DYN_ALL}),
    "mixed_ops": (lambda: MixedOps().eval(),
                  lambda: (torch.randn(1, 3, 32, 32), torch.randn(1, 4, 50)),
                  {"input_names": ["input", "signal"]}),
    "mixed_ops_op11": (lambda: MixedOps().eval(),
                       lambda: (torch.randn(1, 3, 32, 32), torch.randn(1, 4, 50)),
                       {"input_names": ["input", "signal"], "opset": 11}),
}


def functions(opt):
    """export_modules_as_functions: the module classes named in opt."""
    if "functions" not in opt:
        return False
    mod, _, cls = opt["functions"].rpartition(".")
    return {getattr(__import__(mod, fromlist=[cls]), cls)}


def export_case(name, out, skip_existing):
    ctor, inputs, opt = CASES[name]
    torch.manual_seed(0)
    model = ctor()
    x = inputs()
    opset = opt.get("opset", 17)
    ctx = torch.enable_grad if opt.get("grad") else torch.no_grad
    rec = {"opset": opset, "inputs": {}, "dynamic_axes": opt.get("dynamic_axes")}
    input_names = opt.get("input_names", ["input"])
    # The reference (and the shapes pinned when checking) may differ from
    # the traced input when the export has dynamic axes.
    ref_x = opt["ref_input"]() if "ref_input" in opt else x
    for n, t in zip(input_names, ref_x):
        rec["inputs"][n] = list(t.shape)
    full = os.path.join(out, "full", name + ".onnx")
    t0 = time.time()
    if not (skip_existing and os.path.exists(full)):
        with ctx():
            exported = torch.jit.script(model) if opt.get("script") else model
            torch.onnx.export(exported, x, full, opset_version=opset,
                              input_names=input_names, output_names=["output"],
                              dynamic_axes=opt.get("dynamic_axes"),
                              do_constant_folding=opt.get("fold", True),
                              keep_initializers_as_inputs=opt.get("keep_inputs", False),
                              export_modules_as_functions=functions(opt),
                              training=torch.onnx.TrainingMode.EVAL)
    rec["export_s"] = round(time.time() - t0, 1)
    rec["full_bytes"] = os.path.getsize(full)
    m = onnx.load(full)
    rec["nodes"] = len(m.graph.node)
    wl = make_weightless_inputs(onnx.load(full))
    with open(os.path.join(out, "wl", name + ".onnx"), "wb") as f:
        f.write(wl.SerializeToString())
    rec["weightless_bytes"] = os.path.getsize(os.path.join(out, "wl", name + ".onnx"))
    ext = make_weightless_external(m, name)
    with open(os.path.join(out, "ext", name + ".onnx"), "wb") as f:
        f.write(ext.SerializeToString())
    # The reference runs the eager module (a scripted module's F.* calls
    # would not go through the Python wrappers).
    ref = reference(model, ref_x, ctx)
    rec.update(ref)
    with open(os.path.join(out, "ref", name + ".json"), "w") as f:
        json.dump(rec, f, indent=1)
    return rec


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/xmodels")
    ap.add_argument("--skip-existing", action="store_true")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    if a.list:
        print("\n".join(CASES))
        return 0
    for d in ("full", "wl", "ext", "ref"):
        os.makedirs(os.path.join(a.out, d), exist_ok=True)
    failed = 0
    for name in a.cases or CASES:
        try:
            rec = export_case(name, a.out, a.skip_existing)
            print("%-32s ok  nodes %5d  MACs %14d  %s" % (
                name, rec["nodes"], rec["total"],
                json.dumps(rec["counts"])), flush=True)
        except Exception as e:
            failed += 1
            print("%-32s FAILED %s: %s" % (name, type(e).__name__,
                                          str(e).splitlines()[0][:300] if str(e) else ""),
                  flush=True)
            traceback.print_exc()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
