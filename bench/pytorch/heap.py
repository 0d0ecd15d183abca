"""glibc malloc settings for the PyTorch baselines: freed tensors' memory stays in the process.

By default glibc hands a freed block of 128 KB or more back to the kernel (munmap, or a trim of
the heap's top), so the next tensor of that size is new memory whose every page faults on first
touch; a training step or layer call allocates its activations and gradients afresh each time.
On a virtual machine those faults are dear: PyTorch 1.13's ResNet-20 16->16 3x3 layer at
128x16x28x28, forward+backward, one thread, took 19.6-33.2 ms in three processes with the
defaults and 18.8-19.8 with this (its forward alone 13.1-14.0 against 4.5-5.1 ms), the
1x28x28 training step 460-470 ms against 415-417 (an Intel AVX-512 VM, 2026-12-08).
convspark's engine keeps its buffers between steps, so without this the comparison would favour
it for a reason a PyTorch user can remove (the same as MALLOC_MMAP_THRESHOLD_=33554432
MALLOC_TRIM_THRESHOLD_=2147483647, or jemalloc).
"""
import ctypes
import ctypes.util

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3


def keep_freed_memory():
    """Blocks up to 32 MB (glibc's largest mmap threshold) come from the heap, which is never
    trimmed; True when glibc took both settings."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(M_MMAP_THRESHOLD, 32 << 20)) and bool(libc.mallopt(M_TRIM_THRESHOLD, (1 << 31) - 1))
    except (OSError, AttributeError):
        return False
