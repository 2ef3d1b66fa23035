#!/usr/bin/env bash
# One Fashion-MNIST epoch of the cnn task's network, side by side on this machine with the same
# thread count: DJL (PyTorch engine, native layers), PyTorch from Python (Debian python3-torch),
# and, with --with-kadai, the Kadai cnn task itself (reference im2col layers, Java-side Adam).
# Usage: tasks/bench/run-cnn-epoch.sh [THREADS] [--with-kadai]
# Needs: apt-get install dataset-fashion-mnist python3-torch (Python side: /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/../.."
THREADS=${1:-2}
WITH_KADAI=${2:-}
[ -f tasks/target/classpath.txt ] || ./mvnw -B -q -pl tasks -am package -DskipTests >&2
CP="tasks/target/classes:$(cat tasks/target/classpath.txt)"
JAVA_OPTS=(-Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1
  -Dorg.slf4j.simpleLogger.defaultLogLevel=error)
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), threads=$THREADS"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java "${JAVA_OPTS[@]}" -cp "$CP" kadai.tasks.bench.NativeCnnEpoch
/usr/bin/python3 tasks/bench/cnn_epoch.py "$THREADS"
if [ "$WITH_KADAI" = "--with-kadai" ]; then
  # The cnn task's own epoch (55,000 images): reference im2col layers through the StudentCode seam.
  java "${JAVA_OPTS[@]}" -cp "$CP" kadai.tasks.TaskMain run cnn --device cpu --epochs 1 --threads "$THREADS" \
    --json "${TMPDIR:-/tmp}/kadai-cnn-epoch.json" 2>/dev/null \
    | grep -E "^task|train_images_per_second|process_cpu_seconds" 
fi
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
