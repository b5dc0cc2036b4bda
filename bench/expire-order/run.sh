#!/usr/bin/env bash
# Order expiry benchmark: raw pipelined ZADD/ZPOPMIN (the ceiling), the claim path, and the full
# expire path (one PingSource tick over HTTP to the real expire-order function) on 100,000 due
# entries, all against an embedded redis-server and mongo-java-server on 127.0.0.1.
#   bench/expire-order/run.sh [entries [rounds [full-path-orders]]]   (defaults 100000 3 entries)
#   BENCH_ID_VERSION_INDEX=1 adds a unique (_id, version) index to orders first (see bench/RESULTS.md)
# Not part of ./mvnw verify. Results: bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
source ./bin/java-home.sh
[ -n "${JAVA_HOME:-}" ] && export JAVA_HOME
./mvnw -B -q install -pl common -am -DskipTests
./mvnw -B -q compile -pl functions/expire-order
./mvnw -B -q -f bench/expire-order/pom.xml package -DskipTests
CP="bench/expire-order/target/classes:functions/expire-order/target/classes:$(cat bench/expire-order/target/classpath.txt)"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx4g -cp "$CP" dev.ticketing.bench.expiry.ExpireOrderBench "$@"
