#!/usr/bin/env bash
# Per-instance throughput (not part of ./mvnw verify): wrk, 32 connections for 20 s after a 10 s warm-up,
# against one instance each of
#   ceiling        GET  /api/constant       a bare Spring Boot 4 endpoint returning a constant (bench/throughput/ceiling)
#   show-ticket    GET  /api/tickets/{id}   browse-tickets
#   create-ticket  POST /api/tickets        create-ticket (publishes ticket.created to a K_SINK that answers 202)
#   read-floor     GET  /api/floor/tickets/{id}  the ceiling app + the one MongoDB find show-ticket must do
#   write-floor    POST /api/floor/tickets  the ceiling app + the outbox create create-ticket must do
#                                           (insert with the event, POST it to K_SINK, pull it from the outbox)
# all started with the same JVM options, once per mode:
#   image     the container image's options (bench/cold-start/image.jvm-options)
#   default   no options (C2 JIT, G1 GC), for comparison
#
#   bench/throughput/run.sh [--build] [--repo DIR] [--duration 20s] [--warmup 10s] [--connections 32]
#                           [--modes image,default] [--rounds N]
# --rounds N  measures ceiling, show-ticket, create-ticket N times in turn (ratios are taken per round)
#
# --repo D  use D/functions/*/target/*.jar (e.g. the cold-start benchmark's snapshot build)
# --build   snapshots git HEAD into the work dir and builds the two functions there (like bench/cold-start/run.sh);
#           without it functions/{create-ticket,browse-tickets}/target/*.jar are used.
# Output: $WORK/summary.md and $WORK/<mode>-<target>.txt (raw wrk output). Needs wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
source ./bin/java-home.sh
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
WORK=${WORK:-$ROOT/bench/throughput/target/work}
DURATION=20s
WARMUP=10s
CONNECTIONS=32
MODES=image,default
ROUNDS=1
BUILD=false
REPO_ARG=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=true; shift ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --modes) MODES=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --repo) REPO_ARG=$(cd "$2" && pwd); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
mkdir -p "$WORK"
./mvnw -B -q -f bench/cold-start/pom.xml package -DskipTests
./mvnw -B -q -f bench/throughput/ceiling/pom.xml package -DskipTests
REPO=${REPO_ARG:-$ROOT}
if [ "$BUILD" = true ]; then
  REPO=$WORK/src
  rm -rf "$REPO" && mkdir -p "$REPO"
  git archive HEAD | tar -x -C "$REPO"
  (cd "$REPO" && ./mvnw -B -q -Paot -Daot.train.skip=true package -DskipTests -Djib.skip=true -pl functions/create-ticket,functions/browse-tickets -am)
fi
jar_of() { ls "$1"/target/*.jar | grep -v -e '-plain' -e 'original' | head -1; }
CEILING_JAR=$(jar_of bench/throughput/ceiling)
CREATE_JAR=$(jar_of "$REPO/functions/create-ticket")
BROWSE_JAR=$(jar_of "$REPO/functions/browse-tickets")
BENCH_CP="$ROOT/bench/cold-start/target/classes:$(cat "$ROOT/bench/cold-start/target/classpath.txt")"
mapfile -t IMAGE_OPTIONS < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' bench/cold-start/image.jvm-options | grep -v '^$')

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

rm -f "$WORK/servers.env"
"$JAVA" -cp "$BENCH_CP" dev.ticketing.bench.Servers "$WORK/servers.env" >"$WORK/servers.log" 2>&1 &
SERVERS_PID=$!
PIDS+=($SERVERS_PID)
for _ in $(seq 1 300); do [ -s "$WORK/servers.env" ] && break; sleep 0.1; done
set -a; source "$WORK/servers.env"; set +a
unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS
TOKEN=$("$JAVA" -cp "$BENCH_CP" dev.ticketing.bench.Token)

await_up() { # url
  for _ in $(seq 1 1800); do
    if curl -fs -o /dev/null "$1"; then return 0; fi
    sleep 0.1
  done
  echo "not up: $1" >&2; return 1
}
to_ms() { # wrk latency like 812.00us / 1.23ms / 1.02s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
ticks() { # pid: CPU time (user + system) in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
busy() { # the machine's busy ticks (all cpus, everything but idle and iowait)
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat
}
load() { # mode round name url app-pid [wrk args...]
  local mode=$1 round=$2 name=$3 url=$4 app=$5; shift 5
  if [ "$round" = 1 ]; then wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "$@" "$url" >/dev/null; fi
  local app0 db0 all0
  app0=$(ticks "$app"); db0=$(ticks "$SERVERS_PID"); all0=$(busy)
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" >"$WORK/$mode-$name.txt"
  local app_t db_t all_t requests
  app_t=$(( $(ticks "$app") - app0 )); db_t=$(( $(ticks "$SERVERS_PID") - db0 )); all_t=$(( $(busy) - all0 ))
  requests=$(awk '/requests in/ { print $1 }' "$WORK/$mode-$name.txt")
  # CPU milliseconds per request: the endpoint's JVM, the database + sink JVM, the whole machine
  local hz; hz=$(getconf CLK_TCK)
  local cpu; cpu=$(awk -v a="$app_t" -v d="$db_t" -v t="$all_t" -v n="$requests" -v hz="$hz" \
      'BEGIN { f = 1000 / hz / n; printf "%.3f %.3f %.3f", a * f, d * f, t * f }')
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/$mode-$name.txt")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/$mode-$name.txt")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/$mode-$name.txt")")
  errors=$(awk '/Non-2xx or 3xx responses:/ { print $5 } /Socket errors:/ { print "socket:" $0 }' "$WORK/$mode-$name.txt" | paste -sd' ')
  cp "$WORK/$mode-$name.txt" "$WORK/$mode-$name-round$round.txt"
  echo "$mode $round $name $rps $p50 $p99 $cpu ${errors:-0}" >>"$WORK/results.txt"
  printf '  %-8s round %s %-14s %10s req/s  p50 %7s ms  p99 %7s ms  cpu ms/req (app db all) %s  errors %s\n' \
      "$mode" "$round" "$name" "$rps" "$p50" "$p99" "$cpu" "${errors:-0}"
}

: >"$WORK/results.txt"
IFS=, read -ra MODE_LIST <<<"$MODES"
for mode in "${MODE_LIST[@]}"; do
  case "$mode" in
    image) OPTIONS=("${IMAGE_OPTIONS[@]}") ;;
    default) OPTIONS=() ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
  echo "== $mode: java ${OPTIONS[*]:-}"
  declare -A PORT
  for app in ceiling create browse; do
    PORT[$app]=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  done
  APP_PIDS=()
  PORT=${PORT[ceiling]} "$JAVA" "${OPTIONS[@]}" -jar "$CEILING_JAR" >"$WORK/$mode-ceiling.log" 2>&1 & APP_PIDS+=($!)
  FUNCTION_OPTIONS=("${OPTIONS[@]}")
  # the image runs the Spring AOT initialisers too (when the jar was built with -Paot)
  if [ "$mode" = image ] && "$JAVA_HOME/bin/jar" tf "$CREATE_JAR" | grep '__ApplicationContextInitializer.class' >/dev/null \
      && "$JAVA_HOME/bin/jar" tf "$BROWSE_JAR" | grep '__ApplicationContextInitializer.class' >/dev/null; then
    FUNCTION_OPTIONS+=(-Dspring.aot.enabled=true)
  fi
  PORT=${PORT[create]} "$JAVA" "${FUNCTION_OPTIONS[@]}" -jar "$CREATE_JAR" >"$WORK/$mode-create-ticket.log" 2>&1 & APP_PIDS+=($!)
  PORT=${PORT[browse]} "$JAVA" "${FUNCTION_OPTIONS[@]}" -jar "$BROWSE_JAR" >"$WORK/$mode-browse-tickets.log" 2>&1 & APP_PIDS+=($!)
  PIDS+=("${APP_PIDS[@]}")
  await_up "http://127.0.0.1:${PORT[ceiling]}/api/constant"
  await_up "http://127.0.0.1:${PORT[create]}/actuator/health/readiness"
  await_up "http://127.0.0.1:${PORT[browse]}/actuator/health/readiness"
  TICKET=$(curl -fs -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d '{"title":"Shown ticket","price":"20.00"}' "http://127.0.0.1:${PORT[create]}/api/tickets" \
      | sed -E 's/.*"id":"([^"]+)".*/\1/')
  curl -fs -o /dev/null "http://127.0.0.1:${PORT[browse]}/api/tickets/$TICKET"
  curl -fs -o /dev/null "http://127.0.0.1:${PORT[ceiling]}/api/floor/tickets/$TICKET"
  # rounds interleave the endpoints, so a change in the machine's load hits all of them alike
  for round in $(seq 1 "$ROUNDS"); do
    load "$mode" "$round" ceiling "http://127.0.0.1:${PORT[ceiling]}/api/constant" "${APP_PIDS[0]}"
    load "$mode" "$round" read-floor "http://127.0.0.1:${PORT[ceiling]}/api/floor/tickets/$TICKET" "${APP_PIDS[0]}"
    load "$mode" "$round" show-ticket "http://127.0.0.1:${PORT[browse]}/api/tickets/$TICKET" "${APP_PIDS[2]}"
    load "$mode" "$round" write-floor "http://127.0.0.1:${PORT[ceiling]}/api/floor/tickets" "${APP_PIDS[0]}" \
        -s "$ROOT/bench/throughput/create-ticket.lua"
    load "$mode" "$round" create-ticket "http://127.0.0.1:${PORT[create]}/api/tickets" "${APP_PIDS[1]}" \
        -s "$ROOT/bench/throughput/create-ticket.lua" -H "Authorization: Bearer $TOKEN"
  done
  for p in "${APP_PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  unset PORT
done

{
  echo "Generated $(date -u +%Y-%m-%dT%H:%M:%SZ) by bench/throughput/run.sh: wrk -t2 -c$CONNECTIONS -d$DURATION (after a $WARMUP warm-up)"
  echo "on $(nproc) cpus, $(free -m | awk '/^Mem:/ { print $2 }') MB, $("$JAVA" -version 2>&1 | sed -n 2p)"
  echo
  echo "| JVM options | round | endpoint | req/s | vs ceiling (same round) | p50 ms | p99 ms | CPU ms/req: endpoint JVM | database + sink JVM | whole machine | non-2xx / socket errors | target |"
  echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|"
  while read -r mode round name rps p50 p99 cpu_app cpu_db cpu_all errors; do
    ceiling=$(awk -v m="$mode" -v r="$round" '$1 == m && $2 == r && $3 == "ceiling" { print $4 }' "$WORK/results.txt")
    ratio=$(awk -v a="$rps" -v b="$ceiling" 'BEGIN { printf "%.2f", a / b }')
    case "$name" in
      show-ticket) target=$(awk -v r="$ratio" -v p="$p99" 'BEGIN { print (r >= 0.40 && p <= 50) ? "met (≥ 0.40, p99 ≤ 50 ms)" : "MISSED (≥ 0.40, p99 ≤ 50 ms)" }') ;;
      create-ticket) target=$(awk -v r="$ratio" -v p="$p99" 'BEGIN { print (r >= 0.20 && p <= 100) ? "met (≥ 0.20, p99 ≤ 100 ms)" : "MISSED (≥ 0.20, p99 ≤ 100 ms)" }') ;;
      read-floor|write-floor) target="floor: the same database work from a bare endpoint" ;;
      *) target="–" ;;
    esac
    echo "| $mode | $round | $name | $rps | $ratio | $p50 | $p99 | $cpu_app | $cpu_db | $cpu_all | $errors | $target |"
  done <"$WORK/results.txt"
} >"$WORK/summary.md"
cat "$WORK/summary.md"
