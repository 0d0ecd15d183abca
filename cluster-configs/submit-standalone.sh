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
# than cores add a scheduling wave per step). Measured on 2 busy cores with LeNet-5: through
# spark-submit with an executor JVM on a standalone Worker, 334 ms per step at a global batch of 64
# (150-200 ms on a quiet machine), mostly fixed overhead; in local[2] the share of step time outside
# the engine fell from 67% at batch 64 to 32% at 256 and 19% at 1024. Use a global batch of
# 256-1024, scale --lr linearly with it (0.004 at 128 -> 0.016 at 512 for adam), add --warmup 100-300.
set -euo pipefail
source "$(dirname "$0")/submit-common.sh"
: "${MASTER:?set MASTER to the standalone master URL, e.g. spark://head:7077}"
executors="${EXECUTORS:-2}"
cores="${EXECUTOR_CORES:-2}"
exec "${submit[@]}" --master "$MASTER" --deploy-mode client \
  --executor-cores "$cores" --total-executor-cores "$((executors * cores))" \
  --executor-memory "${EXECUTOR_MEMORY:-2g}" --driver-memory "${DRIVER_MEMORY:-2g}" \
  "$jar" "$@"
