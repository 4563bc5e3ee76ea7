"""PyTorch peer of `npm run bench` (bench/peers/pytorch.ts writes the job, this runs it).

The job folder holds job.json and little-endian float64 arrays written by the bench: the
task's rows (x, y) in TASKS.md's order, the initial parameters (the flat vector W1, b1, W2, b2,
... with W as [fanIn][fanOut], exactly the numbers every other implementation starts from) and,
for T4, the two directions. So data, initialization and order are the same by construction; the
losses printed let the bench check that PyTorch computes what we compute.

PyTorch runs as a user would run it: float32 tensors, nn.Linear-style products on OpenBLAS/MKL,
torch.optim.SGD, with 1 and 2 intra-op threads. T4 runs as a loop over grid points and batched
over points (one bmm per layer for a chunk of points).

Prints one JSON object per configuration on stdout.
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def load(folder, name, shape=None):
    a = np.fromfile(os.path.join(folder, name), dtype="<f8")
    return a if shape is None else a.reshape(shape)


def layers_from(flat, layout, dtype):
    """[(W [fanIn, fanOut], b [fanOut], activation)] as leaf tensors from the flat vector."""
    out = []
    offset = 0
    for layer in layout:
        fan_in, fan_out = layer["fanIn"], layer["fanOut"]
        W = torch.tensor(flat[offset:offset + fan_in * fan_out].reshape(fan_in, fan_out), dtype=dtype)
        offset += fan_in * fan_out
        b = torch.tensor(flat[offset:offset + fan_out], dtype=dtype)
        offset += fan_out
        out.append((W, b, layer["activation"]))
    return out


def activate(name, z):
    if name == "tanh":
        return torch.tanh(z)
    if name == "relu":
        return torch.relu(z)
    if name == "sigmoid":
        return torch.sigmoid(z)
    raise ValueError(f"no PyTorch mapping for activation {name}")


def logits(layers, x):
    h = x
    last = len(layers) - 1
    for l, (W, b, act) in enumerate(layers):
        # addmm is what nn.Linear calls (with W stored transposed): one BLAS gemm per layer
        z = torch.addmm(b, h, W)
        h = z if l == last else activate(act, z)
    return h


def loss_from_logits(kind, z, y, y_index):
    if kind == "bce":
        return F.binary_cross_entropy_with_logits(z, y)
    if kind == "softmax-ce":
        return F.cross_entropy(z, y_index)
    if kind == "mse":
        return F.mse_loss(torch.sigmoid(z), y)
    raise ValueError(f"no PyTorch mapping for loss {kind}")


def accuracy(kind, z, y):
    if kind == "mse":
        return None
    if z.shape[1] == 1:
        return float(((z[:, 0] >= 0) == (y[:, 0] >= 0.5)).double().mean())
    return float((z.argmax(1) == y.argmax(1)).double().mean())


def train(job, folder, threads):
    torch.set_num_threads(threads)
    n, d, k = job["n"], job["inputDim"], job["outputDim"]
    dtype = torch.float32
    x = torch.tensor(load(folder, "x.f64", (n, d)), dtype=dtype)
    y = torch.tensor(load(folder, "y.f64", (n, k)), dtype=dtype)
    y_index = y.argmax(1) if job["loss"] == "softmax-ce" else None
    layers = layers_from(load(folder, "params.f64"), job["layers"], dtype)
    params = [t for W, b, _ in layers for t in (W, b)]
    for p in params:
        p.requires_grad_(True)
    batch = n if job["batchSize"] in (0, None) or job["batchSize"] >= n else job["batchSize"]
    # batches cut before the clock starts, like every implementation in the bench
    batches = [
        (x[s:s + batch], y[s:s + batch], None if y_index is None else y_index[s:s + batch])
        for s in range(0, n, batch)
    ]
    optimizer = torch.optim.SGD(params, lr=job["learningRate"])
    with torch.no_grad():
        initial = float(loss_from_logits(job["loss"], logits(layers, x), y, y_index))
    start = time.perf_counter()
    for _ in range(job["epochs"]):
        for bx, by, bi in batches:
            optimizer.zero_grad(set_to_none=True)
            loss_from_logits(job["loss"], logits(layers, bx), by, bi).backward()
            optimizer.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        z = logits(layers, x)
        final = float(loss_from_logits(job["loss"], z, y, y_index))
        acc = accuracy(job["loss"], z, y)
    return {"seconds": seconds, "loss": final, "acc": acc, "initialLoss": initial}


def grid(steps):
    return [-1 + 2 * i / steps for i in range(steps + 1)]


def landscape(job, folder, threads, batched):
    torch.set_num_threads(threads)
    n, d, k = job["n"], job["inputDim"], job["outputDim"]
    dtype = torch.float32
    x = torch.tensor(load(folder, "x.f64", (n, d)), dtype=dtype)
    y = torch.tensor(load(folder, "y.f64", (n, k)), dtype=dtype)
    theta = torch.tensor(load(folder, "params.f64"), dtype=dtype)
    d1 = torch.tensor(load(folder, "d1.f64"), dtype=dtype)
    d2 = torch.tensor(load(folder, "d2.f64"), dtype=dtype)
    coords = grid(job["steps"])
    layout = job["layers"]
    start = time.perf_counter()
    with torch.no_grad():
        if batched:
            # every point's parameter vector at once, then each layer as one batched product
            a = torch.tensor(coords, dtype=dtype)
            alpha = a.repeat_interleave(len(coords))
            beta = a.repeat(len(coords))
            points = theta + alpha[:, None] * d1 + beta[:, None] * d2
            losses = []
            chunk = job.get("chunk", 0) or points.shape[0]
            for s in range(0, points.shape[0], chunk):
                p = points[s:s + chunk]
                h = x.expand(p.shape[0], n, d)
                offset = 0
                for l, layer in enumerate(layout):
                    fi, fo = layer["fanIn"], layer["fanOut"]
                    W = p[:, offset:offset + fi * fo].reshape(-1, fi, fo)
                    offset += fi * fo
                    b = p[:, offset:offset + fo].reshape(-1, 1, fo)
                    offset += fo
                    z = torch.baddbmm(b, h, W)
                    h = z if l == len(layout) - 1 else activate(layer["activation"], z)
                losses.append(F.binary_cross_entropy_with_logits(h, y.expand_as(h), reduction="none").mean(dim=(1, 2)))
            values = torch.cat(losses)
        else:
            values = torch.empty(len(coords) ** 2, dtype=dtype)
            i = 0
            for a in coords:
                for b in coords:
                    layers = layers_from_tensor(theta + a * d1 + b * d2, layout)
                    values[i] = F.binary_cross_entropy_with_logits(logits(layers, x), y)
                    i += 1
    seconds = time.perf_counter() - start
    v = values.double()
    argmin = int(v.argmin())
    return {
        "seconds": seconds, "loss": float(v[(len(v) - 1) // 2]), "acc": None,
        "sum": float(v.sum()), "min": float(v[argmin]), "argmin": argmin, "centre": float(v[(len(v) - 1) // 2]),
    }


def layers_from_tensor(p, layout):
    out = []
    offset = 0
    for layer in layout:
        fi, fo = layer["fanIn"], layer["fanOut"]
        W = p[offset:offset + fi * fo].view(fi, fo)
        offset += fi * fo
        b = p[offset:offset + fo]
        offset += fo
        out.append((W, b, layer["activation"]))
    return out


def median_run(repeat, once):
    runs = [once() for _ in range(repeat)]
    ordered = sorted(runs, key=lambda r: r["seconds"])
    best = ordered[(len(ordered) - 1) // 2]
    return best, [r["seconds"] for r in runs]


def main():
    folder = sys.argv[1]
    with open(os.path.join(folder, "job.json")) as f:
        job = json.load(f)
    torch.manual_seed(0)  # nothing here draws, but keep PyTorch's own state fixed anyway
    for config in job["configs"]:
        threads = config["threads"]
        if job["kind"] == "train":
            result, runs = median_run(job["repeat"], lambda: train(job, folder, threads))
        else:
            result, runs = median_run(job["repeat"], lambda: landscape(job, folder, threads, config["batched"]))
        print(json.dumps({**config, **result, "runsSeconds": runs, "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
