#!/usr/bin/env bash
# Command delivery benchmark (run by hand from anywhere; not a test). In one run, on this machine:
#   the packaged command-service on port 18085, with a database, topics and MQTT shared-subscription group of its own
#   (local PostgreSQL, Kafka and Mosquitto of ./platform infra up), and CommandBench.java: the catalog and DEVICES
#   online water heaters published on device-lifecycle as the registry would, a simulated responder (one MQTT client
#   answering every command at once with "completed"), and CONCURRENCY closed-loop clients each POSTing a set_mode
#   command and waiting for the responder to get it before the next.
# Prints commands/s end to end (accepted, received by the responder, SUCCEEDED in the service's database) and the
# dispatch-to-success latency percentiles (the service's own timestamps: sent_at → finished_at) of the measured window.
# Leaves nothing behind (database and topics dropped, service stopped).
# Also prints the dispatch-to-reception latency seen by the responder (the rest of dispatch-to-success is the way
# back: MQTT result → stored SUCCEEDED) and the service's CPU per command.
# Settings (environment): DEVICES=200 CONCURRENCY=32 WARMUP=20 DURATION=30 PORT=18085 SERVICE_JAVA_OPTS=
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$ROOT/command-service/bench
DEVICES=${DEVICES:-200}
CONCURRENCY=${CONCURRENCY:-32}
WARMUP=${WARMUP:-20}
DURATION=${DURATION:-30}
PORT=${PORT:-18085}
IOTSPHERE_HOME=${IOTSPHERE_HOME:-$HOME/.iotsphere}
RUN=bench$(date +%s)
PREFIX=$RUN.
DB=commands_$RUN
WORK=$(mktemp -d)
SERVICE_PID=""
DB_CREATED=""
LOGGING=-Djava.util.logging.manager=org.jboss.logmanager.LogManager

"$ROOT/platform" infra up >/dev/null
set -a
# shellcheck disable=SC1091
source "$IOTSPHERE_HOME/infra.env"
set +a
KAFKA=${IOTSPHERE_KAFKA_BOOTSTRAP:-localhost:9092}
export PGPASSWORD=$IOTSPHERE_PG_TEST_PASSWORD
psql_test() { psql -X -q -h "$IOTSPHERE_PG_HOST" -p "$IOTSPHERE_PG_PORT" -U "$IOTSPHERE_PG_TEST_USER" "$@"; }

cleanup() {
    [[ -n $SERVICE_PID ]] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
    [[ -f $WORK/cp ]] && java $LOGGING -cp "$(cat "$WORK/cp")" "$BENCH/CommandBench.java" topics-delete "$KAFKA" "$PREFIX" || true
    [[ -n $DB_CREATED ]] && psql_test -d postgres -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" || true
    rm -rf "$WORK"
}
trap cleanup EXIT

cd "$ROOT"
if [[ ! -f command-service/target/quarkus-app/quarkus-run.jar ]]; then
    echo "building command-service (package, tests skipped)"
    ./mvnw -B -q -pl command-service -am package -DskipTests
fi
./mvnw -B -q -pl command-service -am compile dependency:build-classpath -Dspotless.check.skip=true \
    -Dmdep.outputFile="$WORK/cp" -Dmdep.includeScope=test

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"

psql_test -d postgres -c "CREATE DATABASE \"$DB\""
DB_CREATED=yes
java $LOGGING -cp "$(cat "$WORK/cp")" "$BENCH/CommandBench.java" topics-create "$KAFKA" "$PREFIX"
"$ROOT/platform" token --role operator --tenant bench >/dev/null # makes the dev key pair if missing
(
    export QUARKUS_HTTP_PORT=$PORT
    export QUARKUS_DATASOURCE_USERNAME=$IOTSPHERE_PG_TEST_USER
    export QUARKUS_DATASOURCE_PASSWORD=$IOTSPHERE_PG_TEST_PASSWORD
    export QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$IOTSPHERE_PG_HOST:$IOTSPHERE_PG_PORT/$DB
    export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$IOTSPHERE_PG_HOST:$IOTSPHERE_PG_PORT/$DB
    export IOTSPHERE_KAFKA_TOPIC_PREFIX=$PREFIX
    export KAFKA_BOOTSTRAP_SERVERS=$KAFKA
    export IOTSPHERE_MQTT_HOST=${IOTSPHERE_MQTT_HOST:-localhost}
    export IOTSPHERE_MQTT_PORT=${IOTSPHERE_MQTT_PORT:-1883}
    export MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:$IOTSPHERE_HOME/keys/dev-public.pem
    export IOTSPHERE_JWT_DEVICE_PUBLICKEY_LOCATION=file:$IOTSPHERE_HOME/keys/dev-public.pem
    export QUARKUS_LOG_LEVEL=WARN
    exec java ${SERVICE_JAVA_OPTS:-} -Xms256m -Xmx512m -jar command-service/target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1
) &
SERVICE_PID=$!
for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
    sleep 0.2
done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { echo "service not ready"; tail -50 "$WORK/service.log"; exit 1; }

TENANT=bench-$(date +%s)
TOKEN=$("$ROOT/platform" token --role operator --tenant "$TENANT" --ttl 3600)
echo "== command-service $(git -C "$ROOT" rev-parse --short HEAD), JVM -Xmx512m; PostgreSQL, Kafka, Mosquitto and the load generator on the same machine"
java $LOGGING -cp "$(cat "$WORK/cp")" "$BENCH/CommandBench.java" run "http://127.0.0.1:$PORT" "$TOKEN" "$TENANT" \
    "$DEVICES" "$CONCURRENCY" "$WARMUP" "$DURATION" "$KAFKA" "$PREFIX" \
    "${IOTSPHERE_MQTT_HOST:-localhost}" "${IOTSPHERE_MQTT_PORT:-1883}" "$SERVICE_PID" | tee "$WORK/bench.out"
read -r _ T0 T1 < <(grep '^window ' "$WORK/bench.out")
# The last answers are still on their way back: wait (at most 60 s) until no command is in flight.
for _ in $(seq 1 300); do
    [[ $(psql_test -d "$DB" -tA -c "SELECT count(*) FROM commands WHERE status IN ('QUEUED', 'SENT', 'DELIVERED')") == 0 ]] && break
    sleep 0.2
done

# The service's own record: commands SUCCEEDED in the measured window, and their dispatch-to-success latency.
psql_test -d "$DB" -v t0="$T0" -v t1="$T1" -v duration="$DURATION" <<'SQL'
\pset footer off
\echo '== from the service database (measured window: after the warm-up, DURATION seconds)'
WITH w AS (SELECT :'t0'::timestamptz AS t0, :'t1'::timestamptz AS t1),
     done AS (SELECT c.* FROM commands c, w WHERE c.status = 'SUCCEEDED' AND c.finished_at >= w.t0 AND c.finished_at < w.t1)
SELECT count(*) AS succeeded_in_window,
       round(count(*) / :duration::numeric, 0) AS succeeded_per_s,
       round(1000 * percentile_cont(0.50) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - sent_at))::numeric, 1) AS p50_ms,
       round(1000 * percentile_cont(0.90) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - sent_at))::numeric, 1) AS p90_ms,
       round(1000 * percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - sent_at))::numeric, 1) AS p99_ms,
       round(1000 * max(extract(epoch FROM finished_at - sent_at))::numeric, 1) AS max_ms
FROM done;
\echo '== every command of the run, by status (nothing should be left SENT or QUEUED)'
SELECT status, count(*) FROM commands GROUP BY status ORDER BY status;
SQL
echo "== service log: $(grep -c '"level":"\(WARN\|ERROR\)"' "$WORK/service.log" || true) warnings or errors"
grep '"level":"\(WARN\|ERROR\)"' "$WORK/service.log" | head -5 | cut -c1-300 || true
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
