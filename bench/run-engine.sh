#!/usr/bin/env bash
# The engine benchmark beside PyTorch measured in the same run: convolution forward and
# forward+backward GFLOP/s on every shape of the benchmark (ConvShape: issue 6's layers and
# ResNet-20's but its first), batch norm and the residual add in GB/s beside a plain copy, a
# 2x-upsampling transposed convolution, max-pool 2x2, training steps (LeNet-5; ResNet-20 at 1x28x28 and 3x32x32
# on 1 and 2 threads) and the sgemm 2048^3 ceiling with 1 and 2 OpenBLAS threads; then PyTorch on
# the same layers (bench/pytorch/engine_shapes.py, fed by `benchmarks.jar --shapes`) and the same
# ResNet-20 steps (bench/resnet/resnet.py step). All of it twice: with OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE as they are set, and with both unset (OpenBLAS then picks this CPU's own
# kernels), PyTorch included, since Debian's torch may call the same OpenBLAS; one table per
# environment. Everything runs one after the other, never two measurements at once.
# Installs python3-torch when /usr/bin/python3 lacks it and apt-get can (else: no PyTorch columns).
# Takes roughly 25 minutes (--quick: roughly 9; half when neither variable is set: one environment).
# --paired [ROUNDS] instead compares the convolutions and the ResNet-20 steps in pairs: each layer
# in the engine and right after (every other round: right before) in PyTorch, layer after layer,
# the whole list ROUNDS times (3), so that a slow phase of a shared host falls on both sides of a
# pair; the table gives each row's median of the rounds' ratios and their range (roughly 20
# minutes per environment at 3 rounds).
#
#   bench/run-engine.sh [--quick] [JMH options for the engine's layer and step runs, e.g. -p shape=LENET_CONV1]
#   bench/run-engine.sh --paired [ROUNDS]
#
# Output in bench/target/engine-results/: shapes.txt (the --shapes lines), and per environment
# (as-set/, unset/) JMH's logs (*.log), the results (sgemm-*.tsv, engine.tsv: one median per line)
# and PyTorch's (pytorch.tsv, its log pytorch.log). To print a table again:
#   java --add-modules=jdk.incubator.vector -jar bench/target/benchmarks.jar \
#     --table bench/target/engine-results/as-set/{sgemm-*,engine}.tsv \
#     --pytorch bench/target/engine-results/as-set/pytorch.tsv
# --paired writes to bench/target/engine-results-paired/ENVIRONMENT/paired-ROUND/ (engine.tsv,
# pytorch.tsv), printed again with: java -jar bench/target/benchmarks.jar --paired DIR...
set -euo pipefail
cd "$(dirname "$0")/.."
timing=()
quick=
paired=
if [ "${1:-}" = --quick ]; then
  timing=(-wi 1 -w 500ms -i 3 -r 500ms)
  quick=1
  shift
elif [ "${1:-}" = --paired ]; then
  paired=${2:-3}
  if ! [[ "$paired" =~ ^[1-9][0-9]*$ ]]; then
    echo "bench/run-engine.sh: --paired takes a number of rounds (1 or more), got '$paired'" >&2
    exit 2
  fi
  shift $(( $# > 1 ? 2 : 1 ))
fi
python=/usr/bin/python3
torch=1
if ! "$python" -c 'import torch' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bench/run-engine.sh: installing python3-torch for the PyTorch columns" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch >/dev/null) || true
  fi
  if ! "$python" -c 'import torch' 2>/dev/null; then
    torch=
    echo "bench/run-engine.sh: no PyTorch for $python (python3-torch): the tables will have no PyTorch columns" >&2
  fi
fi
bash scripts/setup.sh
echo "building bench/target/benchmarks.jar ..."
mvn -B -q -pl bench -am package -DskipTests
jar=bench/target/benchmarks.jar
# As the benchmarks' forks have them (JvmFlags): the Vector API, and the foreign linker for KernelReport.
flags=(--add-modules=jdk.incubator.vector --add-modules=jdk.incubator.foreign --enable-native-access=ALL-UNNAMED)
out=bench/target/engine-results${paired:+-paired}
rm -rf "$out"
mkdir -p "$out"
benchmarks() { # benchmarks.jar arguments; without the JVM's "Using incubator modules" line
  java "${flags[@]}" -jar "$jar" "$@" 2> >(grep -v '^WARNING: Using incubator modules' >&2)
}
benchmarks --shapes > "$out/shapes.txt"

# $environment: the env(1) arguments that make the environment being measured (none: as it is).
jmh() { # results directory, OpenBLAS threads, name, JMH arguments...
  local dir=$1 threads=$2 name=$3
  shift 3
  echo "measuring $name with OPENBLAS_NUM_THREADS=$threads (log: $dir/$name.log) ..."
  env "${environment[@]}" OPENBLAS_NUM_THREADS="$threads" java "${flags[@]}" -jar "$jar" --results "$dir/$name.tsv" \
    "$@" < /dev/null > "$dir/$name.log" 2>&1 || { tail -30 "$dir/$name.log"; exit 1; }
}
pytorch() { # results directory; OpenBLAS gets as many threads as torch
  local dir=$1 kind config input batch threads line times
  echo "measuring PyTorch on the same layers (log: $dir/pytorch.log) ..."
  env "${environment[@]}" OPENBLAS_NUM_THREADS=1 "$python" bench/pytorch/engine_shapes.py ${quick:+--quick} \
    "$out/shapes.txt" > "$dir/pytorch.tsv" 2> "$dir/pytorch.log" \
    || echo "bench/run-engine.sh: PyTorch's layers failed, see $dir/pytorch.log" >&2
  while read -r kind config input batch threads; do
    if [ "$kind" = step ]; then
      pytorch_step "$dir" "$config" "$input" "$batch" "$threads"
    fi
  done < "$out/shapes.txt"
}
pytorch_step() { # results directory, then a step line's config, input, batch and threads
  local dir=$1 config=$2 input=$3 batch=$4 threads=$5 line times
  echo "measuring PyTorch's training step $config ..."
  line=$(env "${environment[@]}" OPENBLAS_NUM_THREADS="$threads" "$python" bench/resnet/resnet.py step \
    --input "$input" --batch "$batch" --threads "$threads" ${quick:+--steps 1} < /dev/null 2>> "$dir/pytorch.log" \
    | tail -1) || true
  echo "$line" >> "$dir/pytorch.log"
  # "pytorch ... threads 1: 123.45 ms/step (last five ...), cpu 120.00 ms/step, ..." -> ms and CPU ms
  times=$(sed -nE 's/.*: ([0-9.]+) ms\/step .*, cpu ([0-9.]+) ms\/step.*/\1\t\2/p' <<< "$line")
  if [ -n "$times" ]; then
    printf 'step:%s\t-\t%s\n' "$config" "$times" >> "$dir/pytorch.tsv"
  fi
}
paired_round() { # round directory, round number: each convolution and step in both, alternating which goes first
  local dir=$1 round=$2 line kind name rest sides side
  mkdir -p "$dir"
  sides=(engine pytorch)
  if [ $((round % 2)) = 0 ]; then
    sides=(pytorch engine)
  fi
  while read -r line; do
    read -r kind name rest <<< "$line"
    if [ "$kind" != conv ] && [ "$kind" != step ]; then
      continue
    fi
    for side in "${sides[@]}"; do
      if [ "$side" = pytorch ] && [ -n "$torch" ]; then
        if [ "$kind" = conv ]; then
          env "${environment[@]}" OPENBLAS_NUM_THREADS=1 "$python" bench/pytorch/engine_shapes.py <<< "$line" \
            >> "$dir/pytorch.tsv" 2>> "$dir/pytorch.log" || echo "bench/run-engine.sh: PyTorch failed on $name" >&2
        else
          pytorch_step "$dir" $name $rest
        fi
      elif [ "$side" = engine ] && [ "$kind" = conv ]; then
        jmh "$dir" 1 engine -p shape="$name" '\.ConvBenchmark\.forwardBackward$'
      elif [ "$side" = engine ]; then
        jmh "$dir" 1 engine -p config="$name" '\.TrainStepBenchmark\.step$'
      fi
    done
  done < "$out/shapes.txt"
}

heading() { # environment name
  if [ "$1" = unset ]; then
    echo "== OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset =="
  else
    echo "== environment as set: OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-(unset)}, OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-(unset)} =="
  fi
}

names=(as-set)
if [ -n "${OPENBLAS_CORETYPE+set}${OPENBLAS_L2_SIZE+set}" ]; then
  names+=(unset)
else
  echo "bench/run-engine.sh: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are not set: one environment to measure"
fi
if [ -n "$paired" ]; then
  for name in "${names[@]}"; do
    environment=()
    if [ "$name" = unset ]; then
      environment=(-u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
    fi
    heading "$name"
    for round in $(seq 1 "$paired"); do
      echo "paired round $round of $paired"
      paired_round "$out/$name/paired-$round" "$round"
    done
  done
  for name in "${names[@]}"; do
    echo
    heading "$name"
    benchmarks --paired "$out/$name"/paired-*
  done
  exit 0
fi
for name in "${names[@]}"; do
  environment=()
  if [ "$name" = unset ]; then
    environment=(-u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
  fi
  dir=$out/$name
  mkdir -p "$dir"
  heading "$name"
  jmh "$dir" 2 sgemm-2-threads "${timing[@]}" '\.GemmBenchmark\.'
  jmh "$dir" 1 sgemm-1-thread "${timing[@]}" '\.GemmBenchmark\.'
  jmh "$dir" 1 engine "${timing[@]}" "$@" '\.(Conv|Pool|Layer|TrainStep)Benchmark\.'
  if [ -n "$torch" ]; then
    pytorch "$dir"
  fi
done
for name in "${names[@]}"; do
  dir=$out/$name
  with_torch=()
  if [ -s "$dir/pytorch.tsv" ]; then
    with_torch=(--pytorch "$dir/pytorch.tsv")
  fi
  echo
  heading "$name"
  benchmarks --table "$dir"/sgemm-2-threads.tsv "$dir"/sgemm-1-thread.tsv "$dir"/engine.tsv "${with_torch[@]}"
done
