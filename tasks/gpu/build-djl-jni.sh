#!/usr/bin/env bash
# Build DJL's PyTorch JNI (libdjl_torch.so, DJL 0.36.0's engines/pytorch/pytorch-native sources)
# against the libtorch of a Python torch install, so DJL can drive a libtorch it ships no JNI for
# (the GPU machine's torch 2.11 + CUDA 13, where DJL 0.36 only ships JNI for libtorch 2.7.1).
#
# Usage: tasks/gpu/build-djl-jni.sh SRC OUT_SO [LOG]
#   SRC     the JNI sources as tasks/gpu/build-bundle.sh lays them out (native/, include/, api-native/)
#   OUT_SO  where the library goes (e.g. $ENGINE_CACHE_DIR/pytorch/2.11.0-cu130-linux-x86_64/0.36.0-libdjl_torch.so)
#   LOG     the compiler's log (default OUT_SO.log)
# Environment:
#   TORCH_PYTHON  the Python whose torch is built against (default python3); it answers the include
#                 and library directories, the version and the C++ ABI of its libtorch
#   LIBTORCH      instead of TORCH_PYTHON: an unpacked libtorch distribution (include/, lib/,
#                 build-version), with LIBTORCH_VERSION when it has no build-version and
#                 LIBTORCH_ABI (default 1: the cxx11 ABI, as pip wheels since 2.7 and libtorch-cxx11-abi)
#   JNI_HOME      a Java home with include/jni.h (a JDK, or the jlinked runtime of the bundle, which
#                 keeps its headers); default: the java on PATH
#   JOBS          parallel compilations (default: the cores); CXX (default g++); CXX_STD (default c++17)
#   CXX_OPT       optimisation (default -O2; -O0 compiles faster, for a rehearsal)
#
# No CMake: DJL's CMakeLists.txt finds libtorch through torch's CMake config, which for a CUDA
# build asks for the CUDA toolkit and cuDNN headers, and finds JNI through a JDK. The JNI needs
# neither (its only CUDA code, behind USE_CUDA, empties the caching allocator and picks inference
# streams; DJL loads libtorch_cuda.so itself for a cu* flavour), so the sources are compiled
# directly against torch's headers and linked to libtorch, libtorch_cpu and libc10.
set -euo pipefail

SRC=${1:?usage: build-djl-jni.sh SRC OUT_SO [LOG]}
OUT_SO=${2:?usage: build-djl-jni.sh SRC OUT_SO [LOG]}
LOG=${3:-$OUT_SO.log}
PY=${TORCH_PYTHON:-python3}
CXX=${CXX:-g++}
CXX_STD=${CXX_STD:-c++17}
CXX_OPT=${CXX_OPT:--O2}
JOBS=${JOBS:-$(nproc)}

mkdir -p "$(dirname "$OUT_SO")" "$(dirname "$LOG")"
: >"$LOG"
say() { echo "build-djl-jni: $*" | tee -a "$LOG" >&2; }

for f in native/ai_djl_pytorch_jni_PyTorchLibrary_system.cc include/ai_djl_pytorch_jni_PyTorchLibrary.h api-native/djl/utils.h; do
  [[ -f "$SRC/$f" ]] || { say "missing $SRC/$f (build the bundle with tasks/gpu/build-bundle.sh)"; exit 2; }
done

# Ask torch (or the libtorch distribution) where its headers and libraries are, its version and
# its C++ ABI.
if [[ -n "${LIBTORCH:-}" ]]; then
  TORCH_VERSION=${LIBTORCH_VERSION:-$(sed 's/+.*//' "$LIBTORCH/build-version" 2>/dev/null)}
  TORCH_ABI=${LIBTORCH_ABI:-1}
  TORCH_LIB=$(realpath "$LIBTORCH/lib")
  TORCH_INCLUDES=$LIBTORCH/include:$LIBTORCH/include/torch/csrc/api/include
  [[ -n "$TORCH_VERSION" ]] || { say "no $LIBTORCH/build-version: set LIBTORCH_VERSION"; exit 2; }
else
  read -r TORCH_VERSION TORCH_ABI TORCH_LIB TORCH_INCLUDES < <("$PY" - 2>/dev/null <<'EOF'
import os, torch
from torch.utils import cpp_extension as ext
inc = [p for p in ext.include_paths() if os.path.isdir(p) and not p.endswith(('/TH', '/THC'))]
lib = os.path.join(os.path.dirname(torch.__file__), 'lib')
print(torch.__version__.split('+')[0], int(torch._C._GLIBCXX_USE_CXX11_ABI), os.path.realpath(lib), ':'.join(inc))
EOF
  )
fi
[[ -n "${TORCH_INCLUDES:-}" && -f "$TORCH_LIB/libtorch.so" ]] || { say "no libtorch found through $PY"; exit 2; }

if [[ -z "${JNI_HOME:-}" ]]; then
  JNI_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
fi
[[ -f "$JNI_HOME/include/jni.h" ]] || { say "no jni.h under $JNI_HOME/include (set JNI_HOME)"; exit 2; }

DEFS=()
case "$TORCH_VERSION" in
  1.*|2.0.*|2.1.*) DEFS+=(-DV1_13_X) ;;   # DJL's switch for the older torch API (as its build.sh)
esac

INCS=(-I"$SRC/include" -I"$SRC/api-native" -I"$JNI_HOME/include" -I"$JNI_HOME/include/linux")
IFS=: read -r -a TI <<<"$TORCH_INCLUDES"
for d in "${TI[@]}"; do INCS+=(-I"$d"); done
FLAGS=(-std="$CXX_STD" "$CXX_OPT" -fPIC -w -D_GLIBCXX_USE_CXX11_ABI="$TORCH_ABI" "${DEFS[@]}" "${INCS[@]}")

say "torch $TORCH_VERSION (cxx11 abi $TORCH_ABI) from ${LIBTORCH:-$PY}; lib $TORCH_LIB"
say "compiler $($CXX --version | head -1); $JOBS jobs; $CXX_OPT; defines: ${DEFS[*]:-none}"

OBJ=$(mktemp -d "${TMPDIR:-/tmp}/djl-jni-obj.XXXXXX")
trap 'rm -rf "$OBJ"' EXIT
export CXX OBJ LOG
start=$SECONDS
# Torch's headers are most of each file's compile time: parse them once into a precompiled header
# that every file includes first (PCH=0 to compile without; a PCH that cannot be used is ignored).
if [[ ${PCH:-1} == 1 ]]; then
  printf '#include <torch/torch.h>\n#include <torch/script.h>\n' >"$OBJ/djl_pch.h"
  if "$CXX" "${FLAGS[@]}" -x c++-header "$OBJ/djl_pch.h" -o "$OBJ/djl_pch.h.gch" >>"$LOG" 2>&1; then
    FLAGS+=(-include "$OBJ/djl_pch.h")
    say "precompiled torch's headers in $((SECONDS - start)) s"
  else
    say "could not precompile torch's headers (see $LOG); compiling without"
  fi
fi
# One compiler per source file, JOBS at a time; every file is tried so the log names all failures.
failed=0
printf '%s\n' "$SRC"/native/*.cc | xargs -P "$JOBS" -I{} sh -c '
  f="$1"; shift; o="$OBJ/$(basename "$f" .cc).o"
  if "$CXX" "$@" -c "$f" -o "$o" >"$o.log" 2>&1; then echo "ok     $(basename "$f")"; else echo "FAILED $(basename "$f")"; fi
  cat "$o.log"' sh {} "${FLAGS[@]}" >>"$LOG" 2>&1 || true
grep -q '^FAILED' "$LOG" && failed=1
say "compiled in $((SECONDS - start)) s: $(grep -c '^ok ' "$LOG") ok, $(grep -c '^FAILED' "$LOG") failed"
if [[ $failed == 1 ]]; then
  grep -m 40 -E '^FAILED|error' "$LOG" >&2 || true
  exit 1
fi

"$CXX" -shared -o "$OUT_SO" "$OBJ"/*.o -L"$TORCH_LIB" -Wl,--no-as-needed -ltorch -ltorch_cpu -lc10 \
  -Wl,-rpath,"$TORCH_LIB" >>"$LOG" 2>&1 || { say "link failed (see $LOG)"; tail -20 "$LOG" >&2; exit 1; }

# Every symbol the JNI needs must be in this libtorch (ldd -r resolves them as the loader would).
undefined=$(LD_LIBRARY_PATH="$TORCH_LIB" ldd -r "$OUT_SO" 2>&1 | grep -c 'undefined symbol' || true)
if [[ "$undefined" != 0 ]]; then
  LD_LIBRARY_PATH="$TORCH_LIB" ldd -r "$OUT_SO" 2>&1 | grep 'undefined symbol' | head -20 | tee -a "$LOG" >&2
  say "$undefined undefined symbols against $TORCH_LIB"
  exit 1
fi
say "built $OUT_SO ($(stat -c %s "$OUT_SO") bytes) in $((SECONDS - start)) s; all symbols resolve in $TORCH_LIB"
