#!/usr/bin/env bash
# Telemetry benchmark (run by hand; not a test). In one run, on this machine, against the local PostgreSQL, Kafka and
# Mosquitto, with a database and topics of its own:
#   1. the PostgreSQL COPY limit for the storage layout (one row per reading) and for the narrow alternative (one row
#      per value): what the database alone takes;
#   2. sustained end-to-end ingestion (accepted over HTTP or MQTT -> written to PostgreSQL) with the packaged
#      telemetry-service on port 18083: readings/s accepted and stored, backlog, time to drain;
#   3. latency "accepted -> visible in a query" at a fixed rate (default 5,000 readings/s): p50/p95/p99;
#   4. a 30-day history of 10 million readings (40 devices, one reading every 10 s), rolled up by the service, and
#      30-day hourly queries through the API (device and fleet), with the same query on the raw rows for comparison.
# Needs ./platform infra up and the dev key pair (./platform token). Leaves nothing behind (database, topics, process).
# Settings (environment): DEVICES=2000 BATCH=50 CONCURRENCY=32 MQTT_CONNECTIONS=4 MQTT_MAX_BACKLOG=20000 WARMUP=15 DURATION=60 RATE=5000
#   LATENCY_BATCH=10 PROBES_PER_SECOND=20 COPY_READINGS=500000 QUERY_DEVICES=40 QUERY_DAYS=30 PORT=18083
#   SERVICE_JAVA_OPTS="-Xms384m -Xmx384m -Xmn256m -XX:+UseSerialGC" (as ./platform up starts the service) PHASES=copy,http,mqtt,latency,query
#   APP=<copy of target/quarkus-app> with BENCH_CLASSPATH=<file of the test class path>: no Maven step
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$ROOT/telemetry-service/bench
PORT=${PORT:-18083}
IOTSPHERE_HOME=${IOTSPHERE_HOME:-$HOME/.iotsphere}
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xms384m -Xmx384m -Xmn256m -XX:+UseSerialGC}
RUN=t$(date +%s)x$(printf '%06d' $(( (RANDOM << 15 | RANDOM) % 1000000 )))
export BENCH_PREFIX=bench-$RUN.
export BENCH_DB=telemetry_bench_$RUN
WORK=$(mktemp -d)
SERVICE_PID=""

set -a
# shellcheck disable=SC1091
source "$IOTSPHERE_HOME/infra.env"
set +a
KAFKA=${IOTSPHERE_KAFKA_BOOTSTRAP:-localhost:9092}
PG="${IOTSPHERE_PG_HOST:-localhost}:${IOTSPHERE_PG_PORT:-5432}"

bench() {
    java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$(cat "$WORK/cp")" \
        "$BENCH/TelemetryBench.java" "$@"
}

cleanup() {
    if [[ -n $SERVICE_PID ]]; then
        kill "$SERVICE_PID" 2>/dev/null || true
        wait "$SERVICE_PID" 2>/dev/null || true
    fi
    [[ -f $WORK/cp ]] && bench teardown || true
    rm -rf "$WORK"
}
trap cleanup EXIT

cd "$ROOT"
"$ROOT/platform" token --role operator --tenant bench >/dev/null # makes the dev key pair if missing
if [[ -n ${APP:-} ]]; then
    # A copy of the packaged application and a class path file made earlier (e.g. to measure while target/ is rebuilt).
    cp "$BENCH_CLASSPATH" "$WORK/cp"
else
    APP=$ROOT/telemetry-service/target/quarkus-app
    if [[ ! -f $APP/quarkus-run.jar || ${BUILD:-0} == 1 ]]; then
        echo "building telemetry-service (package, tests skipped)"
        ./mvnw -B -q -pl telemetry-service -am package -DskipTests -Dspotless.check.skip=true
    fi
    ./mvnw -B -q -pl telemetry-service -am compile dependency:build-classpath -Dspotless.check.skip=true \
        -Dmdep.outputFile="$WORK/cp" -Dmdep.includeScope=test
fi

echo "== machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB,"\
     "load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $(java -version 2>&1 | head -1)"
echo "== PostgreSQL $(psql --version | awk '{print $3}') at $PG, Kafka at $KAFKA, Mosquitto at ${IOTSPHERE_MQTT_HOST:-localhost}:${IOTSPHERE_MQTT_PORT:-1883}; run $RUN"

bench setup
(
    export QUARKUS_HTTP_PORT=$PORT
    export QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PG/$BENCH_DB
    export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PG/$BENCH_DB
    export QUARKUS_DATASOURCE_USERNAME=${IOTSPHERE_PG_TEST_USER:-iotsphere_test}
    export QUARKUS_DATASOURCE_PASSWORD=$IOTSPHERE_PG_TEST_PASSWORD
    export IOTSPHERE_KAFKA_TOPIC_PREFIX=$BENCH_PREFIX
    export KAFKA_BOOTSTRAP_SERVERS=$KAFKA
    export MP_JWT_VERIFY_PUBLICKEY_LOCATION=$IOTSPHERE_HOME/keys/dev-public.pem
    export IOTSPHERE_JWT_DEVICE_PUBLICKEY_LOCATION=$IOTSPHERE_HOME/keys/dev-public.pem
    export TELEMETRY_MQTT_SHARE_GROUP=$RUN
    # The history phase rewinds the rollups by 30 days; let the service catch up in large steps.
    export TELEMETRY_ROLLUP_INTERVAL=5s
    export TELEMETRY_ROLLUP_MAX_HOURS_PER_RUN=1000
    # shellcheck disable=SC2086
    exec java $SERVICE_JAVA_OPTS -jar "$APP/quarkus-run.jar" >"$WORK/service.log" 2>&1
) &
SERVICE_PID=$!
for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -50 "$WORK/service.log"; exit 1; }
    sleep 0.2
done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { echo "service not ready"; tail -50 "$WORK/service.log"; exit 1; }

echo "== telemetry-service $(git -C "$ROOT" rev-parse --short HEAD), JVM $SERVICE_JAVA_OPTS, load generator on the same machine"
BENCH_TOKEN=$("$ROOT/platform" token --role operator --tenant bench --ttl 7200) \
BENCH_HISTORY_TOKEN=$("$ROOT/platform" token --role operator --tenant bench-history --ttl 7200) \
    bench run "http://127.0.0.1:$PORT" "$SERVICE_PID"
echo "== load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
if grep -q -E '"level":"(ERROR)"| ERROR ' "$WORK/service.log"; then
    echo "== errors in the service log:"
    grep -E '"level":"(ERROR)"| ERROR ' "$WORK/service.log" | head -20
fi
