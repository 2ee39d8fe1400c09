#!/usr/bin/env bash
# Asset search benchmark (run by hand; not a test). In one run, on this machine:
#   1. a database of its own (assets_bench<time>) migrated by the packaged asset-service, started on port 18082
#      against it and against Kafka topics of its own;
#   2. ASSETS assets of one tenant (default 100,000) over a hierarchy of 4 organizations, 100 sites, 400 buildings and
#      4,000 rooms, plus a tenth as many of another tenant, generated in the database;
#   3. each query kind of GET /api/v1/assets alone, one client: p50/p99/max latency of ITERATIONS requests (parameters
#      drawn from the data), then the mix of all kinds with CONCURRENCY clients for DURATION seconds;
#   4. EXPLAIN (ANALYZE, BUFFERS) of the very SQL each kind runs (AssetSearch.build): the plans behind the indexes of
#      V2__search_indexes.sql;
#   5. with COMPARE=1, steps 3 and 4 again without those indexes (dropped), for the comparison.
# Needs ./platform infra up (PostgreSQL, Kafka) and the dev key pair (./platform token). Leaves nothing behind.
# Settings (environment): ASSETS=100000 WARMUP=20 ITERATIONS=200 CONCURRENCY=8 DURATION=20 PORT=18082 COMPARE=0
#                         EXPLAIN=1 APP=asset-service/target/quarkus-app
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$ROOT/asset-service/bench
ASSETS=${ASSETS:-100000}
WARMUP=${WARMUP:-20}
ITERATIONS=${ITERATIONS:-200}
CONCURRENCY=${CONCURRENCY:-8}
DURATION=${DURATION:-20}
PORT=${PORT:-18082}
COMPARE=${COMPARE:-0}
EXPLAIN=${EXPLAIN:-1}
IOTSPHERE_HOME=${IOTSPHERE_HOME:-$HOME/.iotsphere}
TENANT=bench
RUN=bench$(date +%s)
PREFIX=$RUN.
DB=assets_$RUN
WORK=$(mktemp -d)
SERVICE_PID=""
DB_CREATED=""
TOPICS_CREATED=""

# Where the infrastructure is and the test role's password (that role may create databases), from ./platform.
set -a
# shellcheck disable=SC1091
source "$IOTSPHERE_HOME/infra.env"
set +a
PG_HOST=${IOTSPHERE_PG_HOST:-localhost}
PG_PORT=${IOTSPHERE_PG_PORT:-5432}
PG_USER=${IOTSPHERE_PG_TEST_USER:-iotsphere_test}
export BENCH_PG_PASSWORD=$IOTSPHERE_PG_TEST_PASSWORD
KAFKA=${IOTSPHERE_KAFKA_BOOTSTRAP:-localhost:9092}
JDBC=jdbc:postgresql://$PG_HOST:$PG_PORT/$DB

psql_admin() { PGPASSWORD=$BENCH_PG_PASSWORD psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qAt "$@"; }
# The packaged service's own jars: AssetBench uses its AssetSearch, the contracts, the Kafka and JDBC clients. APP may
# name a copy of target/quarkus-app, so that a build can run meanwhile.
APP=${APP:-$ROOT/asset-service/target/quarkus-app}
bench() { java -cp "$APP/app/*:$APP/lib/main/*" "$BENCH/AssetBench.java" "$@"; }

cleanup() {
    [[ -n $SERVICE_PID ]] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
    [[ -n $TOPICS_CREATED ]] && bench topics-delete "$KAFKA" "$PREFIX" || true
    [[ -n $DB_CREATED ]] && psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
    rm -rf "$WORK"
}
trap cleanup EXIT

cd "$ROOT"
"$ROOT/platform" token --role operator --tenant bench >/dev/null # makes the dev key pair if missing
JAR=$APP/quarkus-run.jar
if [[ ! -f $JAR || -n $(find pom.xml asset-service/pom.xml asset-service/src/main contracts/src/main commons/src/main \
    outbox/src/main -newer "$JAR" -type f -print -quit) ]]; then
    echo "building asset-service (package, tests skipped)"
    ./mvnw -B -q -pl asset-service -am package -DskipTests -Dspotless.check.skip=true
fi

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
    "$(java -version 2>&1 | head -1), PostgreSQL $(psql_admin -c 'SHOW server_version')"

psql_admin -c "CREATE DATABASE $DB"
DB_CREATED=1
bench topics-create "$KAFKA" "$PREFIX"
TOPICS_CREATED=1
(
    export QUARKUS_HTTP_PORT=$PORT
    export QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PG_HOST:$PG_PORT/$DB
    export QUARKUS_DATASOURCE_JDBC_URL=$JDBC
    export QUARKUS_DATASOURCE_USERNAME=$PG_USER
    export QUARKUS_DATASOURCE_PASSWORD=$BENCH_PG_PASSWORD
    export IOTSPHERE_KAFKA_TOPIC_PREFIX=$PREFIX
    export KAFKA_BOOTSTRAP_SERVERS=$KAFKA
    export MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:$IOTSPHERE_HOME/keys/dev-public.pem
    export IOTSPHERE_JWT_DEVICE_PUBLICKEY_LOCATION=file:$IOTSPHERE_HOME/keys/dev-public.pem
    exec java -Xms256m -Xmx512m -jar "$JAR" >"$WORK/service.log" 2>&1
) &
SERVICE_PID=$!
for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -50 "$WORK/service.log"; exit 1; }
    sleep 0.2
done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { echo "service not ready"; tail -50 "$WORK/service.log"; exit 1; }

echo "== seeding (database $DB)"
bench seed "$JDBC" "$PG_USER" "$TENANT" "$ASSETS"
TOKEN=$("$ROOT/platform" token --role viewer --tenant "$TENANT" --ttl 7200)

measure() {
    echo "== asset-service $(git -C "$ROOT" rev-parse --short HEAD), JVM -Xmx512m, pool of 16 connections," \
        "load generator on the same machine; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
    bench run "http://127.0.0.1:$PORT" "$TOKEN" "$JDBC" "$PG_USER" "$TENANT" "$WARMUP" "$ITERATIONS" \
        "$CONCURRENCY" "$DURATION"
    if [[ $EXPLAIN == 1 ]]; then
        echo "== plans (EXPLAIN ANALYZE of the service's own SQL)"
        bench explain "$JDBC" "$PG_USER" "$TENANT"
    fi
}

echo "== with the search indexes of V2__search_indexes.sql"
measure
echo "== index use over that run (scans since the database was created; the seed's ANALYZE uses none)"
sleep 1 # the statistics collector's flush
bench index-usage "$JDBC" "$PG_USER"
if [[ $COMPARE == 1 ]]; then
    echo
    echo "== without them (dropped), for comparison"
    bench drop-search-indexes "$JDBC" "$PG_USER"
    measure
fi
