#!/usr/bin/env bash
# Cold-start benchmark of every function module (not part of ./mvnw verify).
#
#   bench/cold-start/run.sh [--build] [--runs N] [--modules a,b] [--variants v1,v2] [--reuse-archives true]
#
# --build   snapshots the committed tree (git HEAD) into the work dir and builds every function there with
#           -Paot (Spring AOT), so the benchmark never touches the working tree's target/ dirs;
#           without it the jars under functions/*/target are used as they are (build them with
#           ./mvnw -Paot package -DskipTests -pl functions/<m> -am for the Spring AOT variants).
# Output: $WORK/summary.md (medians, ratios, targets), $WORK/samples.csv (every run), $WORK/logs/.
# Variants: jar, cds, aot, aot-spring, aot-spring-c1, image, lazy (see ColdStart.java); floor always.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
source ./bin/java-home.sh
export JAVA_HOME
WORK=${WORK:-$ROOT/bench/cold-start/target/work}
BUILD=false
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=true; shift ;;
    *) ARGS+=("$1" "$2"); shift 2 ;;
  esac
done
mkdir -p "$WORK"
./mvnw -B -q -f bench/cold-start/pom.xml package -DskipTests
REPO=$ROOT
if [ "$BUILD" = true ]; then
  REPO=$WORK/src
  rm -rf "$REPO" && mkdir -p "$REPO"
  git archive HEAD | tar -x -C "$REPO"
  MODULES=$(cd "$REPO/functions" && ls -d */ | tr -d / | sed 's|^|functions/|' | paste -sd, -)
  echo "building $MODULES with -Paot in $REPO"
  (cd "$REPO" && ./mvnw -B -q -Paot -Daot.train.skip=true package -DskipTests -Djib.skip=true -pl "$MODULES" -am)
fi
CP="$ROOT/bench/cold-start/target/classes:$(cat "$ROOT/bench/cold-start/target/classpath.txt")"
exec "$JAVA_HOME/bin/java" -Dbench.image-options="$ROOT/bench/cold-start/image.jvm-options" -cp "$CP" dev.ticketing.bench.ColdStart --repo "$REPO" --work "$WORK" "${ARGS[@]}"
