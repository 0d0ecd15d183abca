#!/usr/bin/env bash
# convspark on Kubernetes, cluster mode: the driver runs in a pod of IMAGE, a Spark 4.2.0 (Scala
# 2.13, Java 17) image with convspark.jar copied to /opt/convspark/convspark.jar (the jar is
# local:// to the image). --output and --report-dir are paths in the driver pod: mount a volume
# there (OUT_CLAIM, a PersistentVolumeClaim, at /out) or they vanish with the pod; data and
# --checkpoint-dir are best on S3A or HDFS.
#   K8S_MASTER=k8s://https://api.example:6443 IMAGE=registry/convspark:0.1 OUT_CLAIM=convspark-out \
#     cluster-configs/submit-k8s.sh train --data s3a://bucket/fashion-mnist --output /out/fm \
#     --report-dir /out/fm-run --batch-size 512 --lr 0.016 --warmup 100
#
# The barrier collective: executors connect to the driver pod's coordinator and to each other on
# spark.convspark.collective.port (COLLECTIVE_PORT, default 7090, and the next spark.port.maxRetries
# ports when taken): allow it in the namespace's NetworkPolicies between the application's pods.
#
# Sizing: as submit-standalone.sh; the pod's memory request is executor memory + overhead, and its
# CPU request should equal EXECUTOR_CORES so P = executors x cores matches real cores. Partitions:
# P = total executor cores (the default); keep a step's compute large (global batch 256-1024).
set -euo pipefail
source "$(dirname "$0")/submit-common.sh"
: "${K8S_MASTER:?set K8S_MASTER, e.g. k8s://https://api.example:6443}"
: "${IMAGE:?set IMAGE to a Spark 4.2.0 image holding /opt/convspark/convspark.jar}"
volume=()
if [ -n "${OUT_CLAIM:-}" ]; then
  prefix=spark.kubernetes.driver.volumes.persistentVolumeClaim.out
  volume=(--conf "$prefix.options.claimName=$OUT_CLAIM" --conf "$prefix.mount.path=/out")
fi
exec "${submit[@]}" --master "$K8S_MASTER" --deploy-mode cluster \
  --conf spark.kubernetes.container.image="$IMAGE" \
  --conf spark.kubernetes.namespace="${NAMESPACE:-default}" \
  --conf spark.executor.instances="${EXECUTORS:-2}" \
  --conf spark.executor.cores="${EXECUTOR_CORES:-2}" \
  --conf spark.kubernetes.executor.request.cores="${EXECUTOR_CORES:-2}" \
  --conf spark.convspark.collective.port="${COLLECTIVE_PORT:-7090}" \
  --executor-memory "${EXECUTOR_MEMORY:-2g}" --driver-memory "${DRIVER_MEMORY:-2g}" \
  ${volume[@]+"${volume[@]}"} \
  local:///opt/convspark/convspark.jar "$@"
