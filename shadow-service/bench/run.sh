#!/usr/bin/env bash
# Shadow update benchmark (run by hand; not a test). In one run, on this machine:
#   1. redis-benchmark's SET/GET rate against a Redis of the benchmark's own (AOF everysec, as in production): the
#      ceiling any Redis-backed update path can reach here;
#   2. the packaged shadow-service on port 18084 against that Redis and the local Kafka (topics of its own), and
#      ShadowBench.java keeping CONCURRENCY authenticated PATCHes of desired state in flight: updates/s and latency
#      percentiles, then a check that shadow-changes got one event per accepted update.
# Needs ./platform infra up (Kafka, Mosquitto) and the dev key pair (./platform token). Leaves nothing behind.
# Settings (environment): DEVICES=1000 CONCURRENCY=64 WARMUP=30 DURATION=30 PORT=18084 SERVICE_JAVA_OPTS=
# (e.g. SERVICE_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/shadow.jfr,settings=profile to profile the service)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$ROOT/shadow-service/bench
DEVICES=${DEVICES:-1000}
CONCURRENCY=${CONCURRENCY:-64}
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
PORT=${PORT:-18084}
IOTSPHERE_HOME=${IOTSPHERE_HOME:-$HOME/.iotsphere}
KAFKA=${IOTSPHERE_KAFKA_BOOTSTRAP:-localhost:9092}
RUN=bench$(date +%s)
PREFIX=$RUN.
WORK=$(mktemp -d)
SERVICE_PID=""
REDIS_PORT=""

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

cleanup() {
    [[ -n $SERVICE_PID ]] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
    [[ -n $REDIS_PORT ]] && redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    [[ -f $WORK/cp ]] && java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$(cat "$WORK/cp")" "$BENCH/ShadowBench.java" topics-delete "$KAFKA" "$PREFIX" || true
    rm -rf "$WORK"
}
trap cleanup EXIT

cd "$ROOT"
if [[ ! -f shadow-service/target/quarkus-app/quarkus-run.jar ]]; then
    echo "building shadow-service (package, tests skipped)"
    ./mvnw -B -q -pl shadow-service -am package -DskipTests
fi
./mvnw -B -q -pl shadow-service -am compile dependency:build-classpath -Dspotless.check.skip=true \
    -Dmdep.outputFile="$WORK/cp" -Dmdep.includeScope=test

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK" --appendonly yes --appendfsync everysec --save "" \
    --daemonize yes --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log"
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done

echo "== redis-benchmark (Redis $(redis-server --version | awk '{print $3}'), AOF everysec, 50 clients, no pipelining)"
redis-benchmark -p "$REDIS_PORT" -t set,get -n 200000 -c 50 --csv | sed 's/^/  /'

java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$(cat "$WORK/cp")" "$BENCH/ShadowBench.java" topics-create "$KAFKA" "$PREFIX"
(
    export QUARKUS_HTTP_PORT=$PORT
    export QUARKUS_REDIS_HOSTS=redis://127.0.0.1:$REDIS_PORT
    export IOTSPHERE_REDIS_KEY_PREFIX=$RUN:
    export IOTSPHERE_KAFKA_TOPIC_PREFIX=$PREFIX
    export KAFKA_BOOTSTRAP_SERVERS=$KAFKA
    export MP_JWT_VERIFY_PUBLICKEY_LOCATION=$IOTSPHERE_HOME/keys/dev-public.pem
    export IOTSPHERE_JWT_DEVICE_PUBLICKEY_LOCATION=$IOTSPHERE_HOME/keys/dev-public.pem
    exec java ${SERVICE_JAVA_OPTS:-} -Xms256m -Xmx512m -jar shadow-service/target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1
) &
SERVICE_PID=$!
for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
    sleep 0.2
done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { echo "service not ready"; tail -50 "$WORK/service.log"; exit 1; }

TOKEN=$("$ROOT/platform" token --role operator --tenant bench --ttl 3600)
echo "== shadow-service $(git -C "$ROOT" rev-parse --short HEAD), JVM -Xmx512m, load generator on the same machine"
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$(cat "$WORK/cp")" "$BENCH/ShadowBench.java" run "http://127.0.0.1:$PORT" "$TOKEN" bench \
    "$DEVICES" "$CONCURRENCY" "$WARMUP" "$DURATION" "$KAFKA" "$PREFIX" "$SERVICE_PID"
