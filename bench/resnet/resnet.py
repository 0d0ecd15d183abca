#!/usr/bin/python3
"""The zoo's resnet20/resnet32 in PyTorch (the same layers as make_zoo.py writes), for the
parameter count check and the same-machine time-to-accuracy comparison on Fashion-MNIST.

    /usr/bin/python3 bench/resnet/resnet.py count
    /usr/bin/python3 bench/resnet/resnet.py step --input 1x28x28 --batch 128 --threads 1
    /usr/bin/python3 bench/resnet/resnet.py train --data /usr/share/datasets/fashion-mnist \
        --epochs 30 --batch 128 --lr 0.1 --threads 2 --target 0.935 --stop

The training recipe is convspark's README recipe for the same command: SGD with Nesterov momentum
0.9, weight decay 5e-4, cosine decay over the run from lr, random crop after zero padding 4 and
horizontal flip, batch norm momentum 0.1; test accuracy after each epoch, with the wall time since
the start of training (data loading excluded, as convspark's epoch lines exclude it). Freed
tensors' memory stays in the process (../pytorch/heap.py), as convspark keeps its buffers.
"""
import argparse
import gzip
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pytorch"))
from heap import keep_freed_memory  # noqa: E402 (after the path it is found on)


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = None
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(y + (x if self.shortcut is None else self.shortcut(x)))


class ResNet(nn.Module):
    def __init__(self, n, channels=3, classes=10):
        super().__init__()
        self.conv = nn.Conv2d(channels, 16, 3, 1, 1, bias=False)
        self.bn = nn.BatchNorm2d(16)
        blocks, cin = [], 16
        for stage, width in enumerate([16, 32, 64]):
            for b in range(n):
                blocks.append(Block(cin, width, 2 if stage > 0 and b == 0 else 1))
                cin = width
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(64, classes)

    def forward(self, x):
        x = self.blocks(F.relu(self.bn(self.conv(x))))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))


def parameters(model):
    return sum(p.numel() for p in model.parameters())


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        dims = [struct.unpack(">I", f.read(4))[0] for _ in range(magic & 0xFF)]
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def find(directory, stem):
    for name in sorted(os.listdir(directory)):
        if name.startswith(stem):
            return os.path.join(directory, name)
    raise FileNotFoundError(stem + "* in " + directory)


def augment(x, generator):
    n, _, h, w = x.shape
    padded = F.pad(x, (4, 4, 4, 4))
    dy = torch.randint(0, 9, (n,), generator=generator)
    dx = torch.randint(0, 9, (n,), generator=generator)
    flip = torch.rand(n, generator=generator) < 0.5
    out = torch.empty_like(x)
    for i in range(n):
        crop = padded[i, :, dy[i]:dy[i] + h, dx[i]:dx[i] + w]
        out[i] = torch.flip(crop, [2]) if flip[i] else crop
    return out


def train(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    xs = torch.tensor(idx(find(args.data, "train-images")), dtype=torch.float32).unsqueeze(1) / 255
    ys = torch.tensor(idx(find(args.data, "train-labels")), dtype=torch.int64)
    xt = torch.tensor(idx(find(args.data, "t10k-images")), dtype=torch.float32).unsqueeze(1) / 255
    yt = torch.tensor(idx(find(args.data, "t10k-labels")), dtype=torch.int64)
    model = ResNet(args.n, channels=1)
    steps = args.epochs * ((len(xs) + args.batch - 1) // args.batch)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, nesterov=True, weight_decay=5e-4)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    generator = torch.Generator().manual_seed(args.seed)
    print("resnet%d: %d parameters, %d threads" % (6 * args.n + 2, parameters(model), args.threads), flush=True)
    start = time.time()
    cpu0 = time.process_time()
    reached = None
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(xs), generator=generator)
        for b in range(0, len(xs), args.batch):
            take = order[b:b + args.batch]
            loss = F.cross_entropy(model(augment(xs[take], generator)), ys[take])
            opt.zero_grad()
            loss.backward()
            opt.step()
            schedule.step()
        train_seconds = time.time() - start
        model.eval()
        with torch.no_grad():
            correct = sum((model(xt[b:b + 1000]).argmax(1) == yt[b:b + 1000]).sum().item()
                          for b in range(0, len(xt), 1000))
        accuracy = correct / len(xt)
        if reached is None and accuracy >= args.target:
            reached = (epoch, time.time() - start)
            if args.stop:
                print("epoch %d: test accuracy %.4f, %.0f s wall (stopping at the target)" % (
                    epoch, accuracy, time.time() - start), flush=True)
                break
        print("epoch %d: test accuracy %.4f, %.0f s training, %.0f s wall, %.0f images/s, cpu %.0f s" % (
            epoch, accuracy, train_seconds, time.time() - start, epoch * len(xs) / train_seconds,
            time.process_time() - cpu0), flush=True)
    print("reached %.3f: %s" % (args.target, "epoch %d after %.0f s" % reached if reached else "no"), flush=True)


def step(args):
    """Training-step throughput on random data: forward, cross-entropy, backward and an SGD
    momentum step, as convspark's engine benchmark times it. Warms up, then times repeats of
    --steps steps until the spread of the last five repeats is within 5% (at most 15 repeats);
    prints the median wall and CPU time per step and images/s."""
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    c, h, w = (int(v) for v in args.input.split("x"))
    model = ResNet(args.n, c)
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    x = torch.rand(args.batch, c, h, w)
    y = torch.randint(0, 10, (args.batch,))

    def one():
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()
        opt.step()

    for _ in range(10):
        one()
    walls, cpus = [], []
    while len(walls) < 15:
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(args.steps):
            one()
        walls.append((time.perf_counter() - w0) / args.steps)
        cpus.append((time.process_time() - c0) / args.steps)
        last = sorted(walls[-5:])
        if len(walls) >= 5 and last[-1] <= 1.05 * last[0]:
            break
    wall, cpu = float(np.median(walls)), float(np.median(cpus))
    spread = (min(walls[-5:]) * 1e3, max(walls[-5:]) * 1e3)
    print("pytorch %s resnet%d %s batch %d threads %d: %.2f ms/step (last five %.2f-%.2f), cpu %.2f ms/step, "
          "%.0f images/s" % (torch.__version__, 6 * args.n + 2, args.input, args.batch, args.threads, wall * 1e3,
                             spread[0], spread[1], cpu * 1e3, args.batch / wall))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["count", "train", "step"])
    p.add_argument("--input", default="1x28x28", help="step: the input shape CxHxW")
    p.add_argument("--steps", type=int, default=5, help="step: steps per timed repeat")
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--n", type=int, default=3)
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--target", type=float, default=0.935)
    p.add_argument("--stop", action="store_true", help="end the run at the first epoch that reaches --target")
    args = p.parse_args()
    keep_freed_memory()
    if args.mode == "count":
        for n in (3, 5):
            for channels, shape in ((3, "3x32x32"), (1, "1x28x28")):
                print("resnet%d %s: %d parameters" % (6 * n + 2, shape, parameters(ResNet(n, channels))))
    elif args.mode == "step":
        step(args)
    else:
        train(args)


if __name__ == "__main__":
    main()
