#!/usr/bin/env bash
# convspark on one machine through spark-submit: every core is a task slot of the driver JVM.
#   cluster-configs/submit-local.sh train --epochs 12 --output /tmp/lenet5 --report-dir /tmp/run1
# Arguments are a convspark command and its options (default: train on the embedded subset).
#
# Memory: the driver holds everything here: the training set as packed floats twice while it is
# sharded (N x C x H x W x 4 bytes: 8,000 MNIST digits are 25 MB, all of CIFAR-10 614 MB), plus
# per core the network's workspace (about 15 MB for LeNet-5 at 64 samples per task, 150 MB for
# cifar-small, whose 3x3 convolutions need a 32x9x1024-float im2col matrix per sample).
# Partitions: P = cores (the default); LeNet-5 steps cost 20-40 ms of fixed Spark overhead in
# local mode, so a global batch of 128-512 keeps the cores busy with compute.
set -euo pipefail
source "$(dirname "$0")/submit-common.sh"
exec "${submit[@]}" --master "local[${CORES:-*}]" --driver-memory "${DRIVER_MEMORY:-4g}" \
  "$jar" "$@"
