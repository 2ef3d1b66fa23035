#!/usr/bin/env bash
# Check, on the CPU machine, that the GPU bundle runs a task with nothing but itself and a libtorch:
# the bundle's jlinked Java (no JDK), the bundle's jars (no DJL native jars), DJL offline, DJL
# pointed at a libtorch directory with PYTORCH_LIBRARY_PATH / PYTORCH_VERSION / PYTORCH_FLAVOR --
# the same mechanism as option (a) on the GPU machine, with a libtorch that matches DJL's JNI.
#
# Usage: tasks/gpu/check-bundle.sh [LIBTORCH_LIB_DIR [VERSION [FLAVOR [JNI.so]]]]
#   default: DJL's own CPU libtorch 2.7.1 as the Maven build extracted it into ~/.djl.ai (it holds
#   0.36.0-libdjl_torch.so beside libtorch.so, where DJL looks for the JNI first).
#   JNI.so: a JNI built by build-djl-jni.sh, put where DJL looks next (the engine cache), e.g.
#     tasks/gpu/check-bundle.sh /usr/lib/python3/dist-packages/torch/lib 1.13.0 cpu /tmp/jni/libdjl_torch.so
# Prints the task's line ("task cnn on cpu: accuracy ...") and writes tasks/target/gpu-check/.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUNDLE=$PWD/tasks/target/gpu-bundle
WORK=$PWD/tasks/target/gpu-check
LIBDIR=${1:-$(ls -d "${DJL_CACHE_DIR:-$HOME/.djl.ai}"/pytorch/2.7.1-*cpu-linux-x86_64 2>/dev/null | head -1)}
VERSION=${2:-2.7.1}
FLAVOR=${3:-cpu}
JNI=${4:-}
[[ -f "$BUNDLE/jre.tar.xz" ]] || { echo "no $BUNDLE: run tasks/gpu/build-bundle.sh" >&2; exit 2; }
[[ -f "${LIBDIR:-/nonexistent}/libtorch.so" ]] || { echo "no libtorch.so in '${LIBDIR:-}' (run any DJL task once, or name a directory)" >&2; exit 2; }

rm -rf "$WORK" && mkdir -p "$WORK/fashion-mnist" "$WORK/cache"
tar -C "$WORK" -xJf "$BUNDLE/jre.tar.xz"
for f in "$BUNDLE"/fashion-mnist/*.xz; do xz -dc "$f" >"$WORK/fashion-mnist/$(basename "$f" .xz)"; done
echo "runtime: $("$WORK/jre/bin/java" -version 2>&1 | head -1); modules $(cat "$BUNDLE/jre.modules"); $(du -sh "$WORK/jre" | cut -f1) unpacked"
echo "libtorch: $LIBDIR ($VERSION, $FLAVOR)"
if [[ -n "$JNI" ]]; then
  djl=$(ls "$BUNDLE"/lib | sed -n 's/^pytorch-engine-\(.*\)\.jar$/\1/p')
  mkdir -p "$WORK/cache/pytorch/$VERSION-$FLAVOR-linux-x86_64"
  cp "$JNI" "$WORK/cache/pytorch/$VERSION-$FLAVOR-linux-x86_64/$djl-libdjl_torch.so"
  echo "jni: $JNI"
fi

# No JDK on PATH, no Maven repository: only the bundle. ENGINE_CACHE_DIR is empty, so a JNI can come
# only from LIBDIR; -Dai.djl.offline=true forbids any download.
env -i PATH=/usr/bin:/bin HOME="$WORK" \
  PYTORCH_LIBRARY_PATH="$LIBDIR" PYTORCH_VERSION="$VERSION" PYTORCH_FLAVOR="$FLAVOR" \
  ENGINE_CACHE_DIR="$WORK/cache" DJL_CACHE_DIR="$WORK/cache" KADAI_FASHION_MNIST_DIR="$WORK/fashion-mnist" \
  "$WORK/jre/bin/java" -Xmx1g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
  -Dorg.slf4j.simpleLogger.log.ai.djl.pytorch.jni.LibUtils=debug \
  -cp "$BUNDLE/lib/*" kadai.tasks.TaskMain task run cnn --submission reference --sandbox off --device cpu \
  --train-size 640 --test-size 500 --epochs 1 --threads 1 --json "$WORK/cnn.json" 2>&1 | tee "$WORK/cnn.log"
