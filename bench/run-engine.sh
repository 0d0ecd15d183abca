#!/usr/bin/env bash
# The engine benchmark as one table: conv forward and forward+backward GFLOP/s on every
# convolution shape of the benchmark (ConvShape), max-pool 2x2, a LeNet-5 training step
# (images/s, batch 64 and 256), and the sgemm 2048^3 ceiling with 1 and 2 OpenBLAS threads, all
# measured in this run (medians). Builds what it needs; takes about 6 minutes (--quick: about 2).
#
#   bench/run-engine.sh [--quick] [JMH options for the conv/pool run, e.g. -p shape=LENET_CONV1]
#
# JMH's own output goes to bench/target/engine-results/*.log; the results (one median per line)
# to bench/target/engine-results/*.tsv, which `java -jar bench/target/benchmarks.jar --table FILE...`
# prints again.
set -euo pipefail
cd "$(dirname "$0")/.."
timing=()
if [ "${1:-}" = --quick ]; then
  timing=(-wi 1 -w 500ms -i 3 -r 500ms)
  shift
fi
bash scripts/setup.sh
echo "building bench/target/benchmarks.jar ..."
mvn -B -q -pl bench -am package -DskipTests
jar=bench/target/benchmarks.jar
out=bench/target/engine-results
rm -rf "$out"
mkdir -p "$out"
run() { # threads, name, JMH arguments...
  local threads=$1 name=$2
  shift 2
  echo "measuring $name with OPENBLAS_NUM_THREADS=$threads (log: $out/$name.log) ..."
  OPENBLAS_NUM_THREADS=$threads java -jar "$jar" --results "$out/$name.tsv" "$@" > "$out/$name.log" 2>&1 \
    || { tail -30 "$out/$name.log"; exit 1; }
}
run 2 sgemm-2-threads "${timing[@]}" '\.GemmBenchmark\.'
run 1 sgemm-1-thread "${timing[@]}" '\.GemmBenchmark\.'
run 1 engine "${timing[@]}" "$@" '\.(Conv|Pool|TrainStep)Benchmark\.'
echo
java -jar "$jar" --table "$out"/*.tsv
