#!/usr/bin/env bash
# Builds <target>/aot-image, what a function's container image starts (functions/pom.xml, profile aot):
#   app.jar + lib/   the extracted layout of the Boot jar (java -Djarmode=tools -jar app.jar extract)
#   app.aot          a JDK AOT cache trained on that layout: the app starts with the image's JVM options
#                    (image.jvm-options) and Spring AOT, serves the module's training workload
#                    (dev.ticketing.bench.TrainingWorkload, on data it seeds into MongoDB first) and stops on SIGTERM
#   jvm.args         the image's JVM options + -XX:AOTCache=/workspace/app.aot + -Dspring.aot.enabled=true
# Jib copies it to /workspace; the entrypoint is `java @/workspace/jvm.args -jar /workspace/app.jar`.
#
#   bench/cold-start/train-image.sh <target dir> <final name> <module>   (run by ./mvnw -Paot package)
#
# An AOT cache is valid only for the exact JVM build it was trained with and for jars of the same
# size and modification time. So every file gets Jib's timestamp (1970-01-01T00:00:01Z) before
# training, the relocation to /workspace is allowed by the JVM (common-prefix substitution), and the
# image's base must be the JDK build of JAVA_HOME here (property aot.base-image). If it is not, the
# JVM logs "[aot] ... mismatch" and starts without the cache: slower, never broken.
# Training needs MongoDB (and Redis): MONGODB_URI/REDIS_URL if set, else the bench's embedded servers.
set -euo pipefail
name=$2
module=${3:?the function module, e.g. signup}
if [ ! -f "$1/$name.jar" ]; then
  echo "train-image: no $1/$name.jar, nothing to train"
  exit 0
fi
target=$(cd "$1" && pwd)
jar="$target/$name.jar"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/bin/java-home.sh"
java="$JAVA_HOME/bin/java"
out="$target/aot-image"
scratch="$target/aot-train"
rm -rf "$out" "$scratch"
mkdir -p "$scratch"

"$java" -Djarmode=tools -jar "$jar" extract --destination "$scratch/extracted" >/dev/null
mkdir -p "$out"
mv "$scratch/extracted/$name.jar" "$out/app.jar"
mv "$scratch/extracted/lib" "$out/lib"
find "$out" -exec touch -h -d @1 {} +

mapfile -t options < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$here/image.jvm-options" | grep -v '^$')

servers_pid=""
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill -9 "$app_pid" 2>/dev/null || true; fi
  if [ -n "$servers_pid" ]; then kill "$servers_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
if [ ! -f "$here/target/classpath.txt" ] || [ ! -f "$here/target/classes/dev/ticketing/bench/TrainingWorkload.class" ]; then
  "$root/mvnw" -B -q -f "$here/pom.xml" package -DskipTests
fi
bench_cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
if [ -z "${MONGODB_URI:-}" ]; then
  "$java" -cp "$bench_cp" dev.ticketing.bench.Servers \
      "$scratch/servers.env" >"$scratch/servers.log" 2>&1 &
  servers_pid=$!
  for _ in $(seq 1 300); do [ -s "$scratch/servers.env" ] && break; sleep 0.1; done
  set -a; source "$scratch/servers.env"; set +a
fi
workload() { (cd "$root" && "$java" -cp "$bench_cp" dev.ticketing.bench.TrainingWorkload "$@"); }
# the training workload signs its sessions with the bench's session key and its events with the bench's
# sender issuer (training only, never deployed): the function gets what it needs to accept both
eval "$(workload --env)"
PORT=$(workload --free-port)
export PORT
export STRIPE_KEY=${STRIPE_KEY:-sk_test_aot_training}
unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS

start=$(date +%s)
(cd "$out" && exec "$java" "${options[@]}" -Dspring.aot.enabled=true -XX:AOTCacheOutput="$out/app.aot" \
    -jar "$out/app.jar") >"$scratch/train.log" 2>&1 &
app_pid=$!
if ! workload "$module" "$PORT" >"$scratch/workload.log" 2>&1; then
  echo "train-image: the training workload failed; see $scratch/workload.log and $scratch/train.log" >&2
  exit 1
fi
kill -TERM "$app_pid"
wait "$app_pid" || true
app_pid=""
if [ ! -s "$out/app.aot" ]; then
  echo "train-image: training wrote no AOT cache; see $scratch/train.log" >&2
  tail -20 "$scratch/train.log" >&2
  exit 1
fi
touch -d @1 "$out/app.aot"
{ printf '%s\n' "${options[@]}"; echo "-XX:AOTCache=/workspace/app.aot"; echo "-Dspring.aot.enabled=true"; } \
    >"$out/jvm.args"
touch -d @1 "$out/jvm.args"
echo "train-image: $out/app.aot ($(du -m "$out/app.aot" | cut -f1) MB) trained in $(( $(date +%s) - start )) s with $("$java" -version 2>&1 | sed -n 2p)"
