#!/usr/bin/env bash
# Build, on the CPU machine, everything a GPU machine needs to run the Kadai tasks with DJL and
# nothing it already has: a jlinked Java runtime, the tasks' jars (without DJL's CPU libtorch),
# DJL's JNI sources with their generated JNI header (built there against the machine's own torch
# by tasks/gpu/build-djl-jni.sh), DJL's own 2.7.1 CUDA JNI (to test whether it loads as it is) and
# Fashion-MNIST. It all goes to tasks/target/gpu-bundle, which travels as the device run's `carry`;
# the GPU machine has no network, no JDK, and takes at most 64 MiB with the working tree.
#
# Usage: tasks/gpu/build-bundle.sh        (DJL_SRC: a clone of DJL's public repository, deepjavalibrary/djl)
# Needs: a JDK 17 (jdeps, jlink, javac), git, xz, strip; the Fashion-MNIST files (docs/tasks.md, "Data").
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUNDLE=$ROOT/tasks/target/gpu-bundle
DJL_SRC=${DJL_SRC:-/work/.mirror/deepjavalibrary+djl/repo}
DATA=${KADAI_FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}
LIMIT=$((64 * 1024 * 1024))
say() { echo "build-bundle: $*" >&2; }

# 1. The tasks module and its runtime classpath.
if [[ ! -f tasks/target/classpath.txt || -n "$(find pom.xml ./*/pom.xml ./*/src -newer tasks/target/classpath.txt -type f -print -quit)" ]]; then
  say "building the tasks module"
  ./mvnw -B -q -pl tasks -am -DskipTests package >&2
  touch tasks/target/classpath.txt   # Maven leaves an unchanged classpath file as it was
fi
mapfile -t CP < <(tr ':' '\n' <tasks/target/classpath.txt)
TASKS_JAR=$(ls tasks/target/tasks-*.jar | grep -v -- '-sources' | head -1)
ENGINE_JAR=$(printf '%s\n' "${CP[@]}" | grep '/pytorch-engine-' | head -1)
JNI_JAR=$(printf '%s\n' "${CP[@]}" | grep '/pytorch-jni-' | head -1)
DJL_VERSION=$(basename "$ENGINE_JAR" .jar | sed 's/^pytorch-engine-//')

rm -rf "$BUNDLE.new"
mkdir -p "$BUNDLE.new/lib" "$BUNDLE.new/djl-jni-src"/{native,include,api-native}

# 2. The jars: everything on the runtime classpath except DJL's CPU libtorch (111 MB; the GPU
#    machine's torch is used) and DJL's JNI jar (replaced by the JNI built there).
for jar in "$TASKS_JAR" "${CP[@]}"; do
  case "$(basename "$jar")" in
    pytorch-native-cpu-*|pytorch-jni-*) ;;
    *) cp "$jar" "$BUNDLE.new/lib/" ;;
  esac
done
# DJL's own JNI for libtorch 2.7.1 + CUDA 12.8, kept to test option (a): does it load against the
# machine's libtorch as it is?
unzip -p "$JNI_JAR" jnilib/linux-x86_64/cu128/libdjl_torch.so | xz -6 >"$BUNDLE.new/djl-jni-2.7.1-cu128.so.xz"

# 3. The Java runtime: the JDK modules the jars use (jdeps, jar by jar; a modular jar is resolved
#    on a module path of all the jars), plus jdk.unsupported (Unsafe, for libraries that probe for it).
MP=$(mktemp -d); trap 'rm -rf "$MP"' EXIT
mkdir "$MP/jars" && cp "$BUNDLE.new"/lib/*.jar "$MP/jars/"
# jdeps takes 20 s a jar on a loaded machine: its answers are kept by jar name and size.
JDEPS_CACHE=$ROOT/tasks/target/gpu-jdeps
mkdir -p "$JDEPS_CACHE"
jdk_modules() {
  local jar=$1 deps key
  key=$JDEPS_CACHE/$(basename "$jar")-$(stat -c %s "$jar")
  if [[ -s "$key" ]]; then cat "$key"; return; fi
  deps=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$jar" 2>/dev/null) \
    || deps=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps --module-path "$MP/jars" "$jar" 2>/dev/null) \
    || { say "jdeps cannot analyse $(basename "$jar") (a module whose optional dependencies are absent); assumed java.base"; deps=java.base; }
  echo "$deps" | tail -1 | tee "$key"
}
modules=$(for jar in "$MP"/jars/*.jar; do jdk_modules "$jar"; done | tr ',' '\n' | grep -E '^(java|jdk)\.' | sort -u)
modules=$(printf '%s\n' $modules jdk.unsupported | sort -u | paste -sd,)
say "jlink modules: $modules"
RT=$MP/jre
jlink --add-modules "$modules" --strip-debug --no-man-pages --compress=0 --output "$RT" >&2
strip --strip-unneeded "$RT/lib/server/libjvm.so"
java_size=$(du -sb "$RT" | cut -f1)
tar -C "$MP" -cf - jre | xz -6 -T0 >"$BUNDLE.new/jre.tar.xz"
echo "$modules" >"$BUNDLE.new/jre.modules"

# 4. DJL's JNI sources (the tag of the pytorch-engine on the classpath) and the JNI header javac
#    generates from PyTorchLibrary.java (the GPU machine has no javac).
git -C "$DJL_SRC" archive "v$DJL_VERSION" engines/pytorch/pytorch-native/src/main/native api/src/main/native \
  engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java | tar -x -C "$MP"
cp "$MP"/engines/pytorch/pytorch-native/src/main/native/* "$BUNDLE.new/djl-jni-src/native/"
cp -r "$MP"/api/src/main/native/djl "$BUNDLE.new/djl-jni-src/api-native/"
javac -h "$BUNDLE.new/djl-jni-src/include" -d "$MP/classes" \
  "$MP"/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java
echo "DJL v$DJL_VERSION ($(git -C "$DJL_SRC" rev-parse "v$DJL_VERSION^{commit}")), Apache License 2.0" \
  >"$BUNDLE.new/djl-jni-src/SOURCE"

# 5. Fashion-MNIST, xz-compressed (22.6 MB instead of 26.4 MB for the training images as gzip);
#    kept from an earlier bundle, since compressing takes minutes.
mkdir -p "$BUNDLE.new/fashion-mnist"
for name in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  if [[ -f "$BUNDLE/fashion-mnist/$name.xz" ]]; then
    cp "$BUNDLE/fashion-mnist/$name.xz" "$BUNDLE.new/fashion-mnist/"
  elif [[ -f "$DATA/$name.gz" ]]; then
    gzip -dc "$DATA/$name.gz" | xz -9 -T0 >"$BUNDLE.new/fashion-mnist/$name.xz"
  else
    xz -9 -T0 -c "$DATA/$name" >"$BUNDLE.new/fashion-mnist/$name.xz"
  fi
done

rm -rf "$BUNDLE"
mv "$BUNDLE.new" "$BUNDLE"

# 6. What travels: the working tree (tracked files) and the bundle, at most 64 MiB together.
tree=$(git ls-files -z | xargs -0 stat -c %s 2>/dev/null | awk '{s += $1} END {print s}')
bundle=$(du -sb "$BUNDLE" | cut -f1)
say "runtime $((java_size / 1048576)) MiB unpacked, $(($(stat -c %s "$BUNDLE/jre.tar.xz") / 1048576)) MiB packed;" \
  "jars $(($(du -sb "$BUNDLE/lib" | cut -f1) / 1048576)) MiB; data $(($(du -sb "$BUNDLE/fashion-mnist" | cut -f1) / 1048576)) MiB"
say "travels: working tree $((tree / 1048576)) MiB + bundle $((bundle / 1048576)) MiB = $(((tree + bundle) / 1048576)) MiB of 64"
if ((tree + bundle > LIMIT)); then
  say "too large for the device run's 64 MiB"
  exit 1
fi
