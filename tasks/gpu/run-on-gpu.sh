#!/usr/bin/env bash
# The GPU check, as one rehearsed script for a lent GPU machine (no network, no JDK, its own
# PyTorch): probe the machine, build DJL's JNI against its torch, then train the Kadai tasks there
# with DJL on the GPU beside the PyTorch replica of the resnet recipe.
#
# Usage (in the repository root, with tasks/target/gpu-bundle from tasks/gpu/build-bundle.sh):
#   tasks/gpu/run-on-gpu.sh prepare   probe, unpack, build the JNI, a 640-image cnn check  (~3 min)
#   tasks/gpu/run-on-gpu.sh train     Kadai resnet (full recipe), the PyTorch replica (15 epochs),
#                                     then the full cnn if time is left                    (~9 min)
#   tasks/gpu/run-on-gpu.sh all       both, one after the other (may not fit one 10-minute call)
# Each stage stops its steps before KADAI_GPU_DEADLINE seconds (default: prepare 280, train 570,
# all 580) and always writes what it has. Files for the device tool go to $OUT (at most 8):
#   probe.txt, jni-build.log, libdjl_torch.so, <stage>.log, results.json
# Rehearsal on a CPU machine (Debian's python3-torch, CPU, small sizes, no replica):
#   KADAI_GPU_REHEARSAL=1 TORCH_PYTHON=/usr/bin/python3 tasks/gpu/run-on-gpu.sh all
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
STAGE=${1:-all}
BUNDLE=$ROOT/tasks/target/gpu-bundle
RUN=$ROOT/tasks/target/gpu-run           # kept on a warm machine between the two calls
OUT=${OUT:-$ROOT/tasks/target/gpu-out}
PY=${TORCH_PYTHON:-python3}
REHEARSAL=${KADAI_GPU_REHEARSAL:-0}
DEVICE=gpu; [[ $REHEARSAL == 1 ]] && DEVICE=cpu
case "$STAGE" in
  prepare) DEADLINE=${KADAI_GPU_DEADLINE:-280} ;;
  train) DEADLINE=${KADAI_GPU_DEADLINE:-570} ;;
  all) DEADLINE=${KADAI_GPU_DEADLINE:-580} ;;
  *) echo "usage: run-on-gpu.sh prepare|train|all" >&2; exit 2 ;;
esac
mkdir -p "$OUT" "$RUN/results"
LOG=$OUT/$STAGE.log
exec > >(tee -a "$LOG") 2>&1
say() { echo "[$(date -u +%T) +${SECONDS}s] $*"; }
left() { echo $((DEADLINE - SECONDS - 10)); }
[[ -d "$BUNDLE/lib" ]] || { say "no $BUNDLE: build it with tasks/gpu/build-bundle.sh and carry it"; exit 2; }

# The java command for the tasks, with DJL pointed at this machine's libtorch and our JNI.
setup_env() {
  read -r TV TCUDA TLIB < <("$PY" -c 'import os, re, torch
print(re.match(r"\d+\.\d+\.\d+", torch.__version__).group(0), torch.version.cuda or "none",
      os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null)
  if [[ "$DEVICE" == gpu && "$TCUDA" != none ]]; then FLAVOR=cu${TCUDA//./}; else FLAVOR=cpu; fi
  export PYTORCH_LIBRARY_PATH=$TLIB PYTORCH_VERSION=$TV PYTORCH_FLAVOR=$FLAVOR
  export ENGINE_CACHE_DIR=$RUN/djl-cache DJL_CACHE_DIR=$RUN/djl-cache KADAI_FASHION_MNIST_DIR=$RUN/fashion-mnist
  JNI_SO=$ENGINE_CACHE_DIR/pytorch/$TV-$FLAVOR-linux-x86_64/$(ls "$BUNDLE"/lib | sed -n 's/^pytorch-engine-\(.*\)\.jar$/\1/p')-libdjl_torch.so
  # DJL counts GPUs through JNA's libcudart ("cudart"); give it the one torch loads.
  JNA=()
  if [[ "$DEVICE" == gpu ]]; then
    CUDART=$("$PY" -c 'import torch; torch.zeros(1, device="cuda")
print(next(l.split()[-1] for l in open("/proc/self/maps") if "libcudart" in l))' 2>/dev/null | tail -1)
    if [[ -n "$CUDART" ]]; then
      mkdir -p "$RUN/cudart" && ln -sf "$CUDART" "$RUN/cudart/libcudart.so"
      JNA=(-Djna.library.path="$RUN/cudart")
    fi
  fi
  JAVA=("$RUN/jre/bin/java" -Xmx8g -XX:+DisableAttachMechanism -Dai.djl.offline=true "${JNA[@]}"
    -Dorg.slf4j.simpleLogger.log.ai.djl.pytorch.jni.LibUtils=debug -cp "$BUNDLE/lib/*" kadai.tasks.TaskMain task run)
  say "torch $TV (cuda $TCUDA) at $TLIB; DJL flavour $FLAVOR; JNI $JNI_SO; cudart ${CUDART:-none}"
}

# kadai task run NAME ARGS...: runs with the time left less RESERVE seconds (kept for the steps
# after it), keeps the JSON in $RUN/results.
task() {
  local name=$1; shift
  local budget=$(( $(left) - ${RESERVE:-0} ))
  if ((budget < 40)); then say "no time left for $name"; return 1; fi
  say "kadai task run $name $* (at most ${budget}s)"
  timeout "$budget" "${JAVA[@]}" "$name" --submission reference --sandbox off --device "$DEVICE" \
    --json "$RUN/results/$name.json" "$@"
  local rc=$?
  say "$name exited $rc"
  return $rc
}

prepare() {
  say "probe"
  unxz -dc "$BUNDLE/djl-jni-2.7.1-cu128.so.xz" >"$RUN/djl-jni-2.7.1-cu128.so" 2>/dev/null \
    || "$PY" -c 'import lzma, sys; sys.stdout.buffer.write(lzma.open(sys.argv[1]).read())' \
       "$BUNDLE/djl-jni-2.7.1-cu128.so.xz" >"$RUN/djl-jni-2.7.1-cu128.so"
  timeout 60 tasks/gpu/probe.sh "$RUN/djl-jni-2.7.1-cu128.so" >"$OUT/probe.txt" 2>&1
  cat "$OUT/probe.txt"
  if [[ ! -x "$RUN/jre/bin/java" ]]; then
    say "unpacking the Java runtime and the data"
    tar -C "$RUN" -xJf "$BUNDLE/jre.tar.xz" 2>/dev/null \
      || "$PY" -c 'import tarfile, sys; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$BUNDLE/jre.tar.xz" "$RUN"
  fi
  mkdir -p "$RUN/fashion-mnist"
  for f in "$BUNDLE"/fashion-mnist/*.xz; do
    local raw=$RUN/fashion-mnist/$(basename "$f" .xz)
    [[ -s "$raw" ]] || xz -dc "$f" >"$raw" 2>/dev/null \
      || "$PY" -c 'import lzma, sys; open(sys.argv[2], "wb").write(lzma.open(sys.argv[1]).read())' "$f" "$raw"
  done
  "$RUN/jre/bin/java" -version 2>&1 | head -1
  setup_env
  # Option (a): a torch 2.7.1 whose libraries resolve every symbol of DJL's own JNI needs no build.
  if [[ ! -s "$JNI_SO" && "$TV" == 2.7.1 ]] \
     && ! LD_LIBRARY_PATH="$TLIB" ldd -r "$RUN/djl-jni-2.7.1-cu128.so" 2>&1 | grep -q 'undefined symbol'; then
    say "option (a): DJL's own 2.7.1 JNI resolves against this torch; using it"
    mkdir -p "$(dirname "$JNI_SO")" && cp "$RUN/djl-jni-2.7.1-cu128.so" "$JNI_SO"
  fi
  if [[ ! -s "$JNI_SO" ]]; then
    say "building DJL's JNI against torch $TV"
    JNI_HOME=$RUN/jre TORCH_PYTHON=$PY timeout "$(left)" tasks/gpu/build-djl-jni.sh \
      "$BUNDLE/djl-jni-src" "$JNI_SO" "$OUT/jni-build.log" || { say "JNI build failed"; return 1; }
    cp "$JNI_SO" "$OUT/libdjl_torch.so"
  fi
  task cnn --train-size 640 --test-size 1000 --epochs 1 && mv "$RUN/results/cnn.json" "$RUN/results/cnn-check.json"
}

train() {
  setup_env
  [[ -s "$JNI_SO" ]] || { say "no JNI at $JNI_SO: run the prepare stage first"; return 1; }
  if [[ $REHEARSAL == 1 ]]; then
    task resnet --train-size 256 --test-size 200 --epochs 1
    task cnn --train-size 1000 --test-size 500 --epochs 1
    return
  fi
  # Kadai's resnet first (the point of the run), keeping 150 s for the replica (84 s on an H200).
  RESERVE=150 task resnet
  say "PyTorch replica of the resnet recipe (15 epochs)"
  FASHION_MNIST=$RUN/fashion-mnist PYTHONUNBUFFERED=1 timeout "$(( $(left) < 200 ? $(left) : 200 ))" \
    "$PY" tasks/bench/resnet_replica_gpu.py 15 "$RUN/results/replica.json"
  say "replica exited $?"
  task cnn
}

say "stage $STAGE on $(uname -n); deadline ${DEADLINE}s; device $DEVICE"
case "$STAGE" in
  prepare) prepare ;;
  train) train ;;
  all) prepare && train ;;
esac
rc=$?
# One results file: every run's JSON (curves included) by name.
"$PY" - "$RUN/results" "$OUT/results.json" <<'EOF'
import json, os, sys
d, out = sys.argv[1], sys.argv[2]
res = {}
for f in sorted(os.listdir(d)):
    if f.endswith('.json'):
        try:
            res[f[:-5]] = json.load(open(os.path.join(d, f)))
        except Exception as e:
            res[f[:-5]] = {'error': str(e)}
json.dump(res, open(out, 'w'), indent=1)
for k, v in res.items():
    m = v.get('metrics', {}) if isinstance(v, dict) else {}
    print(f"result {k}: device {v.get('device')} accuracy {v.get('accuracy', v.get('test_accuracy'))} "
          f"seconds {v.get('seconds')} images/s {m.get('train_images_per_second', v.get('train_images_per_s'))}")
EOF
say "stage $STAGE done (exit $rc)"
exit $rc
