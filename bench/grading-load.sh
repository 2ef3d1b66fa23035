#!/usr/bin/env bash
# Load test of the grading pipeline over HTTP: start a Kadai server on a fresh data directory,
# submit N copies of a correct submission at once (or, with N = 1, --sequential M one after the
# other), and print p50/p95 of upload -> result on the server side, graded per minute and the
# peak resident memory. See docs/benchmarks.md ("Grading under load").
#
#   bench/grading-load.sh N [--assignment conv] [--workers W] [--sandbox auto|required|off]
#                           [--sequential M] [--baseline GIT_REF] [--port P] [--keep]
#                           [--java-opts "..."] [FILE...]
#
# --baseline REF builds REF (git archive into a temporary directory, built with the same Maven
# wrapper) and runs the same scenario against it first, then against this checkout, so that
# before and after are measured in one run on one machine. FILEs default to the reference's
# ConvOps.java and Convolution.java (a correct conv submission).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-}"
if [[ -z "$N" || ! "$N" =~ ^[0-9]+$ || "$N" -lt 1 ]]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
shift
ASSIGNMENT=conv WORKERS="" SANDBOX=auto SEQUENTIAL=20 BASELINE="" PORT=17070 KEEP=0 JAVA_OPTS="" FILES=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --assignment) ASSIGNMENT="$2"; shift 2 ;;
    --workers) WORKERS="$2"; shift 2 ;;
    --sandbox) SANDBOX="$2"; shift 2 ;;
    --sequential) SEQUENTIAL="$2"; shift 2 ;;
    --baseline) BASELINE="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --java-opts) JAVA_OPTS="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) FILES+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"); shift ;;
  esac
done
if [[ ${#FILES[@]} -eq 0 ]]; then
  FILES=("$ROOT/reference/src/main/java/kadai/assignments/conv/ConvOps.java"
         "$ROOT/reference/src/main/java/kadai/assignments/conv/Convolution.java")
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/kadai-load.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ "$KEEP" == 0 ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

echo "# grading-load: N=$N assignment=$ASSIGNMENT workers=${WORKERS:-default} sandbox=$SANDBOX" \
     "$(date -u +%Y-%m-%dT%H:%MZ) nproc=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg)"

# Run the scenario against the checkout in $1, labelled $2.
run_one() {
  local tree="$1" label="$2" data="$WORK/data-$2" log="$WORK/server-$2.log"
  local args=(serve --port "$PORT" --data "$data" --sandbox "$SANDBOX")
  [[ -n "$WORKERS" ]] && args+=(--workers "$WORKERS")
  # build first (the launcher builds on first use), so the server's start is not timed with the build
  (cd "$tree" && ./mvnw -q -B -DskipTests -pl web -am package >"$WORK/build-$label.log" 2>&1) \
    || { echo "build of $label failed, see $WORK/build-$label.log"; KEEP=1; exit 1; }
  touch "$tree/web/target/classpath.txt"
  local t0; t0=$(date +%s.%N)
  KADAI_JAVA_OPTS="$JAVA_OPTS" "$tree/kadai" "${args[@]}" >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    grep -q "Kadai is running at" "$log" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "$label: server died:"; tail -30 "$log"; exit 1; }
    sleep 0.2
  done
  printf '%s server up in %.1f s (pid %s)\n' "$label" "$(echo "$(date +%s.%N) - $t0" | bc)" "$SERVER_PID"
  local mode=burst count="$N"
  if [[ "$N" == 1 ]]; then mode=sequential count="$SEQUENTIAL"; fi
  java "$ROOT/bench/GradingLoad.java" --url "http://localhost:$PORT" --assignment "$ASSIGNMENT" \
    --mode "$mode" --count "$count" --server-pid "$SERVER_PID" --label "[$label]" "${FILES[@]}"
  if [[ "$N" == 1 ]]; then
    # The CLI client's own cost: JVM start and picocli, then one real submission end to end.
    local token; token=$(awk '$1 == "token" { print $3 }' "$data/demo-credentials.txt" 2>/dev/null || true)
    local s0; s0=$(date +%s.%N)
    "$tree/kadai" submit --help >/dev/null 2>&1 || true
    printf '[%s] RESULT kadai submit --help (JVM start, no network): %.2f s\n' "$label" \
      "$(echo "$(date +%s.%N) - $s0" | bc)"
    if [[ -n "$token" ]]; then
      s0=$(date +%s.%N)
      "$tree/kadai" submit --server "http://localhost:$PORT/" --token "$token" --assignment "$ASSIGNMENT" \
        "${FILES[@]}" >"$WORK/submit-$label.txt" 2>&1 || true
      printf '[%s] RESULT kadai submit, whole command: %.2f s (%s)\n' "$label" \
        "$(echo "$(date +%s.%N) - $s0" | bc)" "$(grep -m1 -o 'Graded in [0-9.]* s' "$WORK/submit-$label.txt" || echo '?')"
    fi
  fi
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

if [[ -n "$BASELINE" ]]; then
  # One tree per baseline commit, kept between invocations (built once, reused by later scenarios).
  base_sha="$(git -C "$ROOT" rev-parse --short "$BASELINE")"
  base_tree="${TMPDIR:-/tmp}/kadai-load-baseline-$base_sha"
  if [[ ! -f "$base_tree/kadai" ]]; then
    mkdir -p "$base_tree"
    git -C "$ROOT" archive "$BASELINE" | tar -x -C "$base_tree"
  fi
  run_one "$base_tree" "before:$base_sha"
fi
run_one "$ROOT" "after:$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench' || echo '+dirty')"
