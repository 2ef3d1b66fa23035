#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu, with network).
# Kadai's grader needs a JDK 17 or newer (it compiles submissions with javax.tools); everything
# else (the grader, DJL, PyTorch's CPU library, the reference solution) is in lib/ of this zip.
# bubblewrap lets the grader sandbox student code where the container allows user namespaces;
# without it the grader runs the code in-process (Gradescope's container is the isolation then).
set -euo pipefail

ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"

java_ok() {
  command -v javac >/dev/null 2>&1 || return 1
  local version
  version="$(javac -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/')"
  [[ "$version" =~ ^[0-9]+$ ]] && (( version >= 17 ))
}

if ! java_ok; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends openjdk-17-jdk-headless bubblewrap util-linux
fi
java_ok || { echo "setup.sh: no JDK 17 or newer after installing one" >&2; exit 1; }

test -s "$SOURCE/kadai-assignment" || { echo "setup.sh: $SOURCE/kadai-assignment is missing (build the zip with gradescope/make-autograder.sh)" >&2; exit 1; }
ls "$SOURCE"/lib/grader-*.jar >/dev/null
chmod +x "$SOURCE/run_autograder"
echo "Kadai autograder for assignment $(cat "$SOURCE/kadai-assignment") is set up ($(javac -version 2>&1))."
