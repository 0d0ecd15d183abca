"""LeNet-5 on Fashion-MNIST in PyTorch (CPU), as convspark's zoo defines it: the same-run baseline
for bench/versus-pytorch. Reads the IDX files convspark reads, scales pixels to [0, 1] as
convspark's readers do, trains with Adam at the given batch and prints one line per thread count:
training images/s over the measured batches (after warm-up batches), with the process CPU time
beside the wall time, so a starved run shows as CPU < wall x threads. Freed tensors' memory stays
in the process (heap.py), as convspark keeps its buffers.

    python3 lenet5_fashion.py DATA_DIR BATCH LR MEASURED_BATCHES THREADS...
"""
import gzip
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

from heap import keep_freed_memory


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(directory, stem):
    for name in (stem, stem + ".gz"):
        if os.path.exists(os.path.join(directory, name)):
            return os.path.join(directory, name)
    raise SystemExit(f"no {stem}[.gz] in {directory}")


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10))


def main():
    directory, batch, lr, measured = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    threads = [int(t) for t in sys.argv[5:]]
    keep_freed_memory()
    images = torch.from_numpy(idx(find(directory, "train-images-idx3-ubyte")).astype(np.float32) / 255.0)
    images = images.reshape(-1, 1, 28, 28)
    labels = torch.from_numpy(idx(find(directory, "train-labels-idx1-ubyte")).astype(np.int64))
    warmup = 10
    for count in threads:
        torch.set_num_threads(count)
        torch.manual_seed(1)
        model = lenet5()
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        loss_fn = nn.CrossEntropyLoss()
        order = torch.randperm(images.shape[0])
        steps = warmup + measured
        begin = cpu_begin = None
        for step in range(steps):
            if step == warmup:
                begin, cpu_begin = time.perf_counter(), time.process_time()
            at = (step * batch) % (images.shape[0] - batch)
            chosen = order[at:at + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(images[chosen]), labels[chosen])
            loss.backward()
            optimizer.step()
        wall = time.perf_counter() - begin
        cpu = time.process_time() - cpu_begin
        print(f"pytorch {torch.__version__}, {count} thread{'s' if count > 1 else ''}: "
              f"{measured * batch / wall:.0f} images/s over {measured} batches of {batch} "
              f"(wall {wall:.2f} s, cpu {cpu:.2f} s), last loss {loss.item():.4f}", flush=True)


if __name__ == "__main__":
    main()
