#!/usr/bin/python3
"""PyTorch's times for the layers of convspark's engine benchmark, for the same-run columns of
its table: reads the lines of `java -jar bench/target/benchmarks.jar --shapes` (a file, or stdin)
and prints, per layer, NAME, forward ms, forward+backward ms and forward+backward CPU ms (medians
per call) as tab-separated values, after a comment line with torch's version and thread count.

    java -jar bench/target/benchmarks.jar --shapes | /usr/bin/python3 bench/pytorch/engine_shapes.py

One thread, as the engine's layers run. Every input requires its gradient (the engine's layer
benchmarks compute the input gradient too); backward takes a fixed random upstream gradient and
gradients are set to None between calls; freed tensors' memory stays in the process (heap.py).
`step` lines are bench/resnet/resnet.py's and skipped.
"""
import statistics
import sys
import time

import torch
import torch.nn as nn

from heap import keep_freed_memory


def layer(words):
    """(name, callable, input shapes) for one --shapes line, or None for lines this script does not measure."""
    kind, name = words[0], words[1]
    if kind not in ("conv", "convtranspose", "batchnorm", "add"):
        return None
    v = [int(w) for w in words[2:]]
    if kind == "conv":
        n, cin, h, w, cout, kh, kw, sh, sw, ph, pw, dh, dw, groups, bias = v
        return name, nn.Conv2d(cin, cout, (kh, kw), (sh, sw), (ph, pw), (dh, dw), groups, bool(bias)), [(n, cin, h, w)]
    if kind == "convtranspose":
        n, cin, h, w, cout, k, stride, bias = v
        return name, nn.ConvTranspose2d(cin, cout, k, stride, bias=bool(bias)), [(n, cin, h, w)]
    if kind == "batchnorm":
        n, c, h, w = v
        return name, nn.BatchNorm2d(c).train(), [(n, c, h, w)]
    return name, torch.add, [tuple(v)] * 2


def measure(call, min_seconds, max_repeats):
    """Median wall and CPU ms per call: warm-up, then repeats of a few calls (about 50 ms) each,
    until the medians of the last five repeats are within 5% of each other and min_seconds of calls
    were timed, or max_repeats; the result is the median of the repeats' medians."""
    for _ in range(3):
        call()
    start = time.perf_counter()
    call()
    calls = max(3, round(0.05 / max(time.perf_counter() - start, 1e-6)))
    walls, cpus, timed = [], [], 0.0
    while len(walls) < max_repeats:
        wall, cpu = [], []
        for _ in range(calls):
            w0, c0 = time.perf_counter(), time.process_time()
            call()
            wall.append(time.perf_counter() - w0)
            cpu.append(time.process_time() - c0)
        walls.append(statistics.median(wall))
        cpus.append(statistics.median(cpu))
        timed += sum(wall)
        last = walls[-5:]
        if len(last) == 5 and max(last) <= 1.05 * min(last) and timed >= min_seconds:
            break
    return statistics.median(walls) * 1e3, statistics.median(cpus) * 1e3


def main():
    args = sys.argv[1:]
    quick = "--quick" in args
    args = [a for a in args if a != "--quick"]
    lines = open(args[0]).read().splitlines() if args else sys.stdin.read().splitlines()
    min_seconds, max_repeats = (0.1, 10) if quick else (0.5, 30)
    torch.set_num_threads(1)
    torch.manual_seed(1)
    kept = keep_freed_memory()
    threads = torch.get_num_threads()
    print("# torch %s, %d thread%s, freed memory %s" % (torch.__version__, threads, "" if threads == 1 else "s",
                                                       "kept (heap.py)" if kept else "returned to the kernel"),
          flush=True)
    for line in lines:
        found = layer(line.split()) if line.strip() else None
        if found is None:
            continue
        name, f, shapes = found
        xs = [torch.randn(s, requires_grad=True) for s in shapes]
        dy = torch.randn(f(*xs).shape)

        def forward_backward():
            for x in xs:
                x.grad = None
            if isinstance(f, nn.Module):
                f.zero_grad(set_to_none=True)
            f(*xs).backward(dy)

        fwd, _ = measure(lambda: f(*xs), min_seconds, max_repeats)
        fb, fb_cpu = measure(forward_backward, min_seconds, max_repeats)
        print("%s\t%.4f\t%.4f\t%.4f" % (name, fwd, fb, fb_cpu), flush=True)


if __name__ == "__main__":
    main()
