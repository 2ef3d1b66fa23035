#!/usr/bin/env python3
"""Time one Fashion-MNIST epoch of the cnn task's network in PyTorch (Debian python3-torch).

Twin of kadai.tasks.bench.NativeCnnEpoch: same layers, Adam 1e-3, batch 64, all 60,000
training images in memory, batches gathered by index. Prints one JSON line.
Usage: cnn_epoch.py THREADS [DATA_DIR]
"""
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load(directory, prefix):
    def find(name):
        for candidate in (name + ".gz", name):
            if os.path.exists(os.path.join(directory, candidate)):
                return os.path.join(directory, candidate)
        sys.exit(f"{name} not found in {directory}; apt-get install dataset-fashion-mnist")
    x = idx(find(f"{prefix}-images-idx3-ubyte")).astype(np.float32) / 255.0
    y = idx(find(f"{prefix}-labels-idx1-ubyte")).astype(np.int64)
    return torch.from_numpy(x).unsqueeze(1), torch.from_numpy(y)


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    directory = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/datasets/fashion-mnist"
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(1)
    x, y = load(directory, "train")
    xt, yt = load(directory, "t10k")
    net = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 100), nn.ReLU(), nn.Linear(100, 10))
    optimiser = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(x.shape[0])
    start = time.perf_counter()
    cpu_start = time.process_time()
    for i in range(0, x.shape[0], 64):
        index = order[i:i + 64]
        optimiser.zero_grad()
        loss = loss_fn(net(x[index]), y[index])
        loss.backward()
        optimiser.step()
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    with torch.no_grad():
        correct = sum((net(xt[i:i + 1000]).argmax(1) == yt[i:i + 1000]).sum().item()
                      for i in range(0, xt.shape[0], 1000))
    print(json.dumps({"impl": "pytorch-python " + torch.__version__, "threads": str(threads),
                      "seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2),
                      "images_per_second": round(x.shape[0] / seconds, 1),
                      "test_accuracy": round(correct / xt.shape[0], 4)}))


if __name__ == "__main__":
    main()
