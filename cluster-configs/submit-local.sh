#!/usr/bin/env bash
# convspark on one machine through spark-submit: every core is a task slot of the driver JVM.
#   cluster-configs/submit-local.sh train --epochs 12 --output /tmp/lenet5 --report-dir /tmp/run1
# Arguments are a convspark command and its options (default: train on the embedded subset).
#
# Memory: the driver holds everything here: the training set as packed floats twice while it is
# sharded (N x C x H x W x 4 bytes: 8,000 MNIST digits are 25 MB, all of CIFAR-10 614 MB), plus
# per core the network's workspace (about 15 MB for LeNet-5 at 64 samples per task, 150 MB for
# cifar-small, whose 3x3 convolutions need a 32x9x1024-float im2col matrix per sample).
# Partitions: P = cores (the default). A LeNet-5 step carries 20-40 ms of fixed Spark overhead on
# a quiet machine (100-200 ms measured on 2 busy cores): the share of step time outside the engine
# was 67% at a global batch of 64, 32% at 256 and 19% at 1024, so prefer 128-1024 (scale --lr).
set -euo pipefail
source "$(dirname "$0")/submit-common.sh"
exec "${submit[@]}" --master "local[${CORES:-*}]" --driver-memory "${DRIVER_MEMORY:-4g}" \
  "$jar" "$@"
