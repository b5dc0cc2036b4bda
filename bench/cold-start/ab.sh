#!/usr/bin/env bash
# A/B of container-image starts (not part of ./mvnw verify): start → first 200 on a probe path,
# the images taken in turn run by run, so a change in the machine's load hits all of them alike.
#
#   bench/cold-start/ab.sh [--runs N] [--probe PATH] DIR_A DIR_B [DIR_C ...]
#
# Each DIR is an image's /workspace as train-image.sh builds it (app.jar, lib/, app.aot, jvm.args):
# build one with `./mvnw -Paot package -DskipTests -pl functions/<m>` and copy
# functions/<m>/target/aot-image aside (cp -a keeps the timestamps the AOT cache checks), change
# the code, build again, compare. Runs against the bench's embedded MongoDB/Redis/sink with the
# environment Servers gives (the bench's session keys and event sender included); default probe:
# GET /actuator/health/readiness. Prints every run and the medians. Needs python3 (the poller).
# A DIR with a file `command` (the java arguments, one per line, up to and including -jar <jar>)
# is started with those instead: a start recipe other than an image's, e.g. the local platform's.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
source ./bin/java-home.sh
JAVA="$JAVA_HOME/bin/java"
RUNS=7
PROBE=/actuator/health/readiness
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --probe) PROBE=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] || { echo "usage: $0 [--runs N] [--probe PATH] DIR_A DIR_B [...]" >&2; exit 2; }
DIRS=()
for d in "$@"; do DIRS+=("$(cd "$d" && pwd)"); done
./mvnw -B -q -f bench/cold-start/pom.xml package -DskipTests
BENCH_CP="$ROOT/bench/cold-start/target/classes:$(cat "$ROOT/bench/cold-start/target/classpath.txt")"
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
"$JAVA" -cp "$BENCH_CP" dev.ticketing.bench.Servers "$WORK/servers.env" >"$WORK/servers.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 300); do [ -s "$WORK/servers.env" ] && break; sleep 0.1; done
set -a; source "$WORK/servers.env"; set +a
unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS
export STRIPE_KEY=${STRIPE_KEY:-sk_test_ab}
POLL='import sys, time, http.client
port, path = int(sys.argv[1]), sys.argv[2]
while True:
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30); c.request("GET", path)
        r = c.getresponse(); r.read()
        if r.status == 200: break
    except OSError: pass
    time.sleep(0.005)'
for run in $(seq 1 "$RUNS"); do
  for d in "${DIRS[@]}"; do
    port=$("$JAVA" -cp "$BENCH_CP" dev.ticketing.bench.TrainingWorkload --free-port)
    if [ -f "$d/command" ]; then
      mapfile -t options < "$d/command"
    else
      mapfile -t options < <(sed "s|/workspace/|$d/|" "$d/jvm.args")
      options+=(-jar "$d/app.jar")
    fi
    start=$(date +%s%N)
    (cd "$d" && PORT=$port exec "$JAVA" "${options[@]}" >"$WORK/run.log" 2>&1) &
    app=$!
    PIDS+=($app)
    python3 -c "$POLL" "$port" "$PROBE"
    end=$(date +%s%N)
    rss=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$app/status" 2>/dev/null || echo "?")
    echo "$d $(( (end - start) / 1000000 )) $rss" | tee -a "$WORK/results.txt" \
        | awk '{ printf "  %-60s %6d ms  %s MB\n", $1, $2, $3 }'
    kill -9 "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
  done
done
echo "medians of $RUNS runs (start → first 200 on $PROBE):"
for d in "${DIRS[@]}"; do
  awk -v d="$d" '$1 == d { print $2 }' "$WORK/results.txt" | sort -n \
      | awk -v d="$d" '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "  %-60s %6d ms\n", d, m }'
done
