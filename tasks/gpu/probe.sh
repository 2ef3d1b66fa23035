#!/usr/bin/env bash
# What a GPU machine offers for the Kadai tasks, in under a minute and without network: GPU and
# driver, CUDA runtime, Java, Python and torch (version, CUDA, C++ ABI, where its lib/, include/
# and CMake config are, which libcudart it loads), compilers and build tools, and whether DJL's own
# JNI for libtorch 2.7.1 (option a) resolves its symbols against this torch.
#
# Usage: tasks/gpu/probe.sh [DJL_JNI.so]   (TORCH_PYTHON: the Python with torch, default python3)
# Prints "key: value" lines; a missing tool prints "none".
set -uo pipefail
PY=${TORCH_PYTHON:-python3}
JNI=${1:-}
t() { timeout 20 "$@" 2>&1; }
first() { t "$@" | head -1; }
have() { command -v "$1" >/dev/null 2>&1; }

echo "date: $(date -u +%FT%TZ)"
echo "os: $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"); kernel $(uname -r); $(uname -m)"
echo "cpus: $(nproc); memory: $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
echo "glibc: $(ldd --version 2>&1 | head -1)"
if have nvidia-smi; then
  echo "gpu: $(t nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader | paste -sd';')"
  echo "driver cuda: $(t nvidia-smi | grep -o 'CUDA Version: [0-9.]*' | head -1)"
else
  echo "gpu: none (no nvidia-smi)"
fi
echo "nvcc: $(have nvcc && t nvcc --version | grep -o 'release [0-9.]*' || echo none)"
echo "cuda homes: $(ls -d /usr/local/cuda* 2>/dev/null | paste -sd' ' || echo none)"
echo "java: $(have java && first java -version || echo none); JAVA_HOME=${JAVA_HOME:-unset}"
echo "javac: $(have javac && first javac -version || echo none)"
for tool in gcc g++ cc c++ clang cmake ninja make xz tar strip; do
  echo "$tool: $(have "$tool" && echo "$(command -v "$tool") $(first "$tool" --version)" || echo none)"
done
echo "python: $(command -v "$PY") $(first "$PY" --version)"

# torch: what it is and where its pieces are; then which libcudart the process maps (importing
# torch takes over 20 s on a loaded machine, hence its own limit).
timeout 45 "$PY" - 2>&1 <<'EOF'
import os, sys
try:
    import torch
except Exception as e:
    print(f"torch: none ({e})"); sys.exit()
from torch.utils import cpp_extension as ext
d = os.path.dirname(torch.__file__)
lib = os.path.join(d, 'lib')
print(f"torch: {torch.__version__}; cuda {torch.version.cuda}; cudnn {torch.backends.cudnn.version()}; "
      f"cxx11 abi {int(torch._C._GLIBCXX_USE_CXX11_ABI)}")
print(f"torch dir: {d}")
print(f"torch lib: {lib}: " + ' '.join(sorted(f for f in os.listdir(lib) if f.endswith('.so') or '.so.' in f)))
print(f"torch include: {' '.join(ext.include_paths())} (torch/script.h "
      f"{'present' if os.path.exists(os.path.join(d, 'include', 'torch', 'script.h')) else 'MISSING'})")
# pip wheels keep TorchConfig.cmake under torch/share/cmake; Debian's python3-torch under /usr/lib/<arch>/cmake.
import glob
cms = [os.path.join(torch.utils.cmake_prefix_path, 'Torch', 'TorchConfig.cmake')]
cms += sorted(glob.glob('/usr/lib/*/cmake/Torch/TorchConfig.cmake') + glob.glob('/usr/local/lib*/cmake/Torch/TorchConfig.cmake'))
found = [c for c in cms if os.path.exists(c)]
print(f"torch cmake: {' '.join(found) if found else cms[0] + ' MISSING'}")
print(f"torch legacy profiler header: {'present' if os.path.exists(os.path.join(d, 'include', 'torch', 'csrc', 'autograd', 'profiler_legacy.h')) else 'MISSING'}")
if torch.cuda.is_available():
    torch.zeros(1, device='cuda')
    print(f"torch sees: {torch.cuda.device_count()} x {torch.cuda.get_device_name(0)}, "
          f"capability {torch.cuda.get_device_capability(0)}")
    maps = open('/proc/self/maps').read().split('\n')
    rt = sorted({l.split()[-1] for l in maps if 'libcudart' in l})
    print(f"libcudart loaded: {' '.join(rt) or 'none'}")
else:
    print("torch sees: no CUDA device")
EOF

# Option (a): DJL's JNI built for libtorch 2.7.1, resolved against this torch's libraries.
if [[ -n "$JNI" && -f "$JNI" ]]; then
  lib=$(t "$PY" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' | tail -1)
  undefined=$(LD_LIBRARY_PATH="$lib" t ldd -r "$JNI" | grep -c 'undefined symbol')
  echo "djl 2.7.1 jni against this torch: $undefined undefined symbols"
  LD_LIBRARY_PATH="$lib" t ldd -r "$JNI" | grep 'undefined symbol' | head -3 | sed 's/^/  /' | cut -c1-200
fi
echo "disk: $(df -h --output=avail "${TMPDIR:-/tmp}" | tail -1 | xargs) free in ${TMPDIR:-/tmp}"
