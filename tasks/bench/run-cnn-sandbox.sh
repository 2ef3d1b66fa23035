#!/usr/bin/env bash
# Side by side: the cnn task with the reference layers handed in as a student's sources, run in the
# sandboxed runner (--sandbox required) and in-process (--sandbox off), same seed, same thread count.
# Usage: tasks/bench/run-cnn-sandbox.sh [TRAIN_SIZE] [TEST_SIZE] [EPOCHS] [THREADS]
# train_s: training time of the epochs; task_s: the task's own time (training, validation, test);
# cmd_s: the whole command (JVM start, compiling the sources, starting the runner); cpu_s: CPU time
# of the grader JVM only (the runner's is not in it).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TRAIN="${1:-300}"; TEST="${2:-200}"; EPOCHS="${3:-1}"; THREADS="${4:-1}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/student/kadai/assignments/conv" "$WORK/student/kadai/assignments/pool"
cp "$ROOT"/reference/src/main/java/kadai/assignments/conv/{ConvOps,Convolution}.java "$WORK/student/kadai/assignments/conv/"
cp "$ROOT"/reference/src/main/java/kadai/assignments/pool/MaxPooling.java "$WORK/student/kadai/assignments/pool/"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "args: --train-size $TRAIN --test-size $TEST --epochs $EPOCHS --threads $THREADS --device cpu"
printf '%-10s %-9s %9s %9s %9s %9s %9s %9s\n' mode sandbox accuracy train_s images/s task_s cmd_s cpu_s
for mode in required off; do
  start=$(date +%s.%N)
  "$ROOT/kadai" task run cnn --submission "$WORK/student" --train-size "$TRAIN" --test-size "$TEST" \
      --epochs "$EPOCHS" --threads "$THREADS" --device cpu --sandbox "$mode" --json "$WORK/$mode.json" \
      > "$WORK/$mode.out" 2> "$WORK/$mode.err" || { cat "$WORK/$mode.err" >&2; exit 1; }
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  python3 - "$WORK/$mode.json" "$mode" "$wall" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); m = r["metrics"]
train_s = m["train_images"] * m["epochs"] / m["train_images_per_second"]
print(f'{sys.argv[2]:<10} {r["sandbox"]:<9} {r["accuracy"]:9.4f} {train_s:9.1f} {m["train_images_per_second"]:9.0f} {r["seconds"]:9.1f} {float(sys.argv[3]):9.1f} {m["process_cpu_seconds"]:9.1f}')
PY
done
