#!/usr/bin/env bash
# convspark on a Spark standalone cluster (client mode: --output, --report-dir and driver-read
# data such as IDX and CIFAR-10 files are paths on the submitting machine; image folders and
# Parquet are read by the executors, so they must be on a shared file system, HDFS or S3A).
#   MASTER=spark://head:7077 EXECUTORS=4 cluster-configs/submit-standalone.sh train \
#     --data hdfs:///data/fashion-mnist --batch-size 512 --lr 0.008 --warmup 100 --output /tmp/fm
#
# Sizing, per executor of E cores (EXECUTOR_CORES):
#   memory >= its shards (N / EXECUTORS x C x H x W x 4 bytes, cached) + E x the network's workspace
#   (per task: activations + their gradients + the largest im2col matrix, for B / P samples; about
#   15 MB for LeNet-5 and 150 MB for cifar-small at 64 samples) + 16 bytes per parameter (broadcast
#   copy, gradient, aggregate) + Spark's 300 MB reserve. 2g fits LeNet-5 and cifar-small on CIFAR-10.
# Partitions: P = total executor cores, the default (one task per core per step; more partitions
# than cores add a scheduling wave per step). A step with real executor JVMs cost 150-330 ms for
# LeNet-5 at a global batch of 64 on 2 cores, mostly fixed overhead: use a global batch of 256-1024,
# scale --lr linearly with it (0.004 at 128 -> 0.016 at 512 for adam) and add --warmup 100-300.
set -euo pipefail
source "$(dirname "$0")/submit-common.sh"
: "${MASTER:?set MASTER to the standalone master URL, e.g. spark://head:7077}"
executors="${EXECUTORS:-2}"
cores="${EXECUTOR_CORES:-2}"
exec "${submit[@]}" --master "$MASTER" --deploy-mode client \
  --executor-cores "$cores" --total-executor-cores "$((executors * cores))" \
  --executor-memory "${EXECUTOR_MEMORY:-2g}" --driver-memory "${DRIVER_MEMORY:-2g}" \
  "$jar" "$@"
