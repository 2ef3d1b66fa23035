#!/usr/bin/env bash
# Build the Gradescope autograder zip for one assignment:
#   gradescope/make-autograder.sh conv-op [OUT_DIR]     -> OUT_DIR/kadai-autograder-conv-op.zip
# The zip holds setup.sh, run_autograder, the assignment's id and lib/ (the grader jar, which
# contains the reference solution, and its runtime classpath). Upload it as the assignment's
# autograder ("Zip file upload"). It is instructors' material: never give it to students.
# KADAI_NO_BUILD=1 uses the grader as built (tests); otherwise it is built when missing or stale.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ASSIGNMENT="${1:?usage: gradescope/make-autograder.sh ASSIGNMENT [OUT_DIR]}"
OUT="$(mkdir -p "${2:-$ROOT/gradescope/out}" && cd "${2:-$ROOT/gradescope/out}" && pwd)"

classpath="$ROOT/grader/target/classpath.txt"
if [[ "${KADAI_NO_BUILD:-}" != 1 ]]; then
  if [[ ! -f "$classpath" || -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src -newer "$classpath" -type f -print -quit 2>/dev/null)" ]]; then
    (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl grader -am package)
  fi
fi
jar_file="$(ls "$ROOT"/grader/target/grader-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -1)"
[[ -f "$classpath" && -n "$jar_file" ]] || { echo "make-autograder.sh: build the grader first (./mvnw -pl grader -am package)" >&2; exit 2; }

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/lib"
cp "$ROOT/gradescope/setup.sh" "$ROOT/gradescope/run_autograder" "$stage/"
chmod +x "$stage/setup.sh" "$stage/run_autograder"
printf '%s\n' "$ASSIGNMENT" > "$stage/kadai-assignment"
cp "$jar_file" "$stage/lib/"
tr ':' '\n' < "$classpath" | while read -r entry || [[ -n "$entry" ]]; do
  [[ -n "$entry" ]] && cp "$entry" "$stage/lib/"
done

# Refuse an assignment this grader does not know, before anyone uploads the zip.
if ! java -cp "$stage/lib/*" kadai.grader.cli.GraderMain grade --help >/dev/null 2>&1; then
  echo "make-autograder.sh: the packaged grader does not start" >&2; exit 1
fi
known="$(cd "$stage" && java -cp "lib/*" -Dai.djl.offline=true kadai.grader.cli.GraderMain grade --assignment "$ASSIGNMENT" --submission /nonexistent 2>&1 || true)"
if grep -q "unknown assignment" <<<"$known"; then
  echo "make-autograder.sh: $known" >&2; exit 2
fi

zip_file="$OUT/kadai-autograder-$ASSIGNMENT.zip"
rm -f "$zip_file"
(cd "$stage" && "${JAVA_HOME:+$JAVA_HOME/bin/}jar" --create --no-manifest --file "$zip_file" setup.sh run_autograder kadai-assignment lib)
echo "$zip_file ($(du -h "$zip_file" | cut -f1)): upload it as the autograder of assignment $ASSIGNMENT."
