#!/usr/bin/env bash
# The local platform benchmark: start time (against one plain `java -jar` in the same run), resident
# memory with every function up, and order.created -> ticket latency over N orders (default 1000).
#   bench/local/run.sh [orders] [baseline-runs]      (SKIP_BUILD=1 to use the jars as they are)
set -euo pipefail
cd "$(dirname "$0")/../.."
source ./bin/java-home.sh
if [ "${SKIP_BUILD:-}" != "1" ]; then
  # the jars as ./run builds them: Spring AOT in every function (-Paot), the JDK cache trained by the platform
  ./mvnw -q -B -DskipTests -Paot -Daot.train.skip=true install -pl '!client'
fi
cp_file="$(mktemp)"
./mvnw -q -B dependency:build-classpath -pl local -Dmdep.outputFile="$cp_file" >/dev/null
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "local/target/classes:$(cat "$cp_file")" bench/local/LocalBench.java "$@"
rm -f "$cp_file"
