#!/usr/bin/env bash
# convspark on YARN. DEPLOY_MODE=client (the default) runs the driver here, so --output and
# --report-dir are written on the submitting machine; DEPLOY_MODE=cluster runs it in the
# ApplicationMaster's container, so they must be HDFS or S3A paths, as must data read by executors
# (image folders, Parquet) and --checkpoint-dir in either mode. HADOOP_CONF_DIR or YARN_CONF_DIR
# must point at the cluster's configuration. One application attempt: a run that fails (bad input,
# divergence) would fail again, and a second attempt would find its own --output in place.
#   EXECUTORS=8 cluster-configs/submit-yarn.sh train --data hdfs:///data/cifar10 --model cifar-small \
#     --batch-size 512 --lr 0.008 --warmup 200 --checkpoint-dir hdfs:///ckpt/c10 --checkpoint-every 500
#
# Sizing: as submit-standalone.sh, plus YARN's container overhead (spark.executor.memoryOverhead,
# default 10% / 384 MB) for netlib's native buffers and Kryo's off-heap output. Partitions: P =
# EXECUTORS x EXECUTOR_CORES (the default); dynamic allocation is off because a step's tasks must
# find the executors that cache their shards, and a lost executor means recomputing its shards.
set -euo pipefail
source "$(dirname "$0")/submit-common.sh"
if [ -z "${HADOOP_CONF_DIR:-}${YARN_CONF_DIR:-}" ]; then
  echo "convspark: error: set HADOOP_CONF_DIR (or YARN_CONF_DIR) to the cluster's configuration" >&2
  exit 2
fi
case "${DEPLOY_MODE:=client}" in
  client|cluster) ;;
  *) echo "convspark: error: DEPLOY_MODE must be client or cluster, got $DEPLOY_MODE" >&2; exit 2 ;;
esac
exec "${submit[@]}" --master yarn --deploy-mode "$DEPLOY_MODE" \
  --num-executors "${EXECUTORS:-2}" --executor-cores "${EXECUTOR_CORES:-2}" \
  --executor-memory "${EXECUTOR_MEMORY:-2g}" --driver-memory "${DRIVER_MEMORY:-2g}" \
  --conf spark.dynamicAllocation.enabled=false \
  --conf spark.yarn.maxAppAttempts=1 \
  --conf spark.executor.memoryOverhead="${MEMORY_OVERHEAD:-512m}" \
  "$jar" "$@"
