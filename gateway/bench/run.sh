#!/usr/bin/env bash
# Gateway benchmark, run by hand from the repository root, self-contained: it needs only the local infrastructure
# (./platform infra up; PostgreSQL, Redis, Kafka) and starts what it measures itself:
#  - the packaged device-registry-service on $REGISTRY_PORT (18181) with a database of its own, as the upstream;
#  - the packaged gateway on $PORT (18080) in front of it, with topics and Redis keys of its own (rate limits raised so
#    that one benchmark subject is not throttled, while every request still takes its two tokens in Redis);
# and removes the database and topics afterwards. It measures:
#  1. http: requests/s and latency of GET /api/v1/device-types straight to the registry and through the gateway, in
#     one run with the same wrk settings (after a warm-up of both), at 1 connection and at $CONNECTIONS; the
#     difference is what the gateway adds (JWT check, route, RBAC, rate limit, proxy hop, access log). CPU seconds of
#     the gateway, the registry, Redis and wrk per run give the CPU each spends per request;
#  2. push: PushBench.java, reading published on telemetry-readings → received on the WebSocket, with $WS_CLIENTS
#     clients following one device each plus $WS_FOLLOWERS following the whole tenant; deliveries, losses and the
#     gateway's close codes are counted.
# usage: flock /work/notes/cpu.lock gateway/bench/run.sh [duration-seconds] [connections] [ws-clients]
# env: PHASES=http,push  WARMUP (30 s)  WS_FOLLOWERS (0)  ROUNDS (20)  GATEWAY_JAVA_OPTS / REGISTRY_JAVA_OPTS (e.g. JFR)
#      REBUILD=1 (package both services first)
set -Eeuo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DURATION=${1:-20}
CONNECTIONS=${2:-50}
WS_CLIENTS=${3:-1000}
WS_FOLLOWERS=${WS_FOLLOWERS:-0}
ROUNDS=${ROUNDS:-20}
PHASES=${PHASES:-http,push}
PORT=${PORT:-18080}
REGISTRY_PORT=${REGISTRY_PORT:-18181}
GATEWAY=http://localhost:$PORT
REGISTRY=http://localhost:$REGISTRY_PORT
export IOTSPHERE_HOME=${IOTSPHERE_HOME:-$HOME/.iotsphere}
RUN=gwbench-$(date +%s)
DB=${RUN//-/_}
WORK=$(mktemp -d /tmp/gateway-bench.XXXXXX)
GATEWAY_PID=
REGISTRY_PID=
DB_CREATED=

command -v wrk >/dev/null || { echo "installing wrk (apt)"; sudo apt-get install -y -qq wrk >/dev/null 2>&1 || apt-get install -y -qq wrk >/dev/null; }
"$ROOT/platform" infra up >/dev/null
set -a
# shellcheck disable=SC1091
source "$IOTSPHERE_HOME/infra.env"
set +a
KAFKA=${IOTSPHERE_KAFKA_BOOTSTRAP:-localhost:9092}
export PGPASSWORD=$IOTSPHERE_PG_TEST_PASSWORD
psql_test() { psql -X -q -h "$IOTSPHERE_PG_HOST" -p "$IOTSPHERE_PG_PORT" -U "$IOTSPHERE_PG_TEST_USER" "$@"; }

cd "$ROOT"
if [[ -n ${REBUILD:-} || ! -f gateway/target/quarkus-app/quarkus-run.jar \
    || ! -f device-registry-service/target/quarkus-app/quarkus-run.jar ]]; then
    echo "building gateway and device-registry-service (package, tests skipped)"
    ./mvnw -B -q -pl gateway,device-registry-service -am package -DskipTests -Dspotless.check.skip=true
fi
# PushBench runs with the gateway's own libraries (Kafka client).
BENCH_CP="gateway/target/quarkus-app/lib/main/*"
bench() { java -cp "$BENCH_CP" gateway/bench/PushBench.java "$@" 2> >(grep -v SLF4J >&2); }

cleanup() {
    for pid in $GATEWAY_PID $REGISTRY_PID; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    done
    bench topics-delete "$KAFKA" "$RUN." 2>/dev/null || true
    [[ -n $DB_CREATED ]] && psql_test -d postgres -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" || true
    [[ -n ${KEEP_LOGS:-} ]] && echo "logs kept in $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

wait_ready() { # url pid log
    for _ in $(seq 1 600); do
        curl -fs "$1/q/health/ready" >/dev/null 2>&1 && return 0
        kill -0 "$2" 2>/dev/null || { cat "$3"; exit 1; }
        sleep 0.2
    done
    echo "$1 did not become ready" >&2
    cat "$3"
    exit 1
}

psql_test -d postgres -c "CREATE DATABASE \"$DB\""
DB_CREATED=yes
# The gateway reads $RUN.gw.<topic>; the registry uses $RUN.registry.<topic> (it would otherwise consume the push
# benchmark's readings).
bench topics-create "$KAFKA" "$RUN.gw." \
    telemetry-readings,shadow-changes,command-status,device-lifecycle,predictions,model-alerts
bench topics-create "$KAFKA" "$RUN.registry." telemetry-readings,telemetry-readings.dlq,device-lifecycle
"$ROOT/platform" token --role operator --tenant bench >/dev/null # makes the dev key pair if missing

(
    export QUARKUS_DATASOURCE_USERNAME=$IOTSPHERE_PG_TEST_USER
    export QUARKUS_DATASOURCE_PASSWORD=$IOTSPHERE_PG_TEST_PASSWORD
    export QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$IOTSPHERE_PG_HOST:$IOTSPHERE_PG_PORT/$DB
    export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$IOTSPHERE_PG_HOST:$IOTSPHERE_PG_PORT/$DB
    export IOTSPHERE_KAFKA_TOPIC_PREFIX=$RUN.registry.
    export KAFKA_BOOTSTRAP_SERVERS=$KAFKA
    export MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:$IOTSPHERE_HOME/keys/dev-public.pem
    export SMALLRYE_JWT_SIGN_KEY_LOCATION=file:$IOTSPHERE_HOME/keys/dev-private.pem
    exec java ${REGISTRY_JAVA_OPTS:-} -Xmx512m -Dquarkus.http.port="$REGISTRY_PORT" -Dquarkus.log.level=WARN \
        -jar device-registry-service/target/quarkus-app/quarkus-run.jar >"$WORK/registry.log" 2>&1
) &
REGISTRY_PID=$!
(
    export IOTSPHERE_KAFKA_TOPIC_PREFIX=$RUN.gw.
    export IOTSPHERE_REDIS_KEY_PREFIX=$RUN:
    export KAFKA_BOOTSTRAP_SERVERS=$KAFKA
    export MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:$IOTSPHERE_HOME/keys/dev-public.pem
    export IOTSPHERE_JWT_DEVICE_PUBLICKEY_LOCATION=file:$IOTSPHERE_HOME/keys/dev-public.pem
    # The access log stays on (INFO, JSON, to a file), as in production.
    exec java ${GATEWAY_JAVA_OPTS:-} -Xmx512m -Dquarkus.http.port="$PORT" \
        -Diotsphere.gateway.rate-limit.roles.admin.capacity=100000000 \
        -Diotsphere.gateway.rate-limit.roles.admin.refill-per-second=100000000 \
        -Diotsphere.gateway.rate-limit.tenant.capacity=100000000 \
        -Diotsphere.gateway.rate-limit.tenant.refill-per-second=100000000 \
        -Diotsphere.services.registry="$REGISTRY" \
        -jar gateway/target/quarkus-app/quarkus-run.jar >"$WORK/gateway.log" 2>&1
) &
GATEWAY_PID=$!
wait_ready "$REGISTRY" "$REGISTRY_PID" "$WORK/registry.log"
wait_ready "$GATEWAY" "$GATEWAY_PID" "$WORK/gateway.log"
REDIS_PID=$(cat "$IOTSPHERE_HOME/pids/redis.pid" 2>/dev/null || echo)

tenant=bench-$(date +%s)
token=$("$ROOT/platform" token --role admin --tenant "$tenant")
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo "== gateway :$PORT → registry :$REGISTRY_PORT (own database $DB), Redis and Kafka local; run $RUN"

ticks() { # CPU ticks (user+system) of a pid, 0 when unknown
    [[ -n $1 && -r /proc/$1/stat ]] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0
}
child_ticks() { # CPU ticks of this shell's finished children (wrk)
    awk '{print $16 + $17}' /proc/$$/stat
}
HZ=$(getconf CLK_TCK)

wrk_run() { # label url connections seconds
    local threads=$(($3 < 2 ? $3 : 2))
    wrk -t"$threads" -c"$3" -d"$4s" --latency -H "Authorization: Bearer $token" "$2" >"$WORK/wrk-$1.txt"
}
measure() { # label url connections
    local g0 r0 d0 w0 g1 r1 d1 w1
    g0=$(ticks "$GATEWAY_PID"); r0=$(ticks "$REGISTRY_PID"); d0=$(ticks "$REDIS_PID"); w0=$(child_ticks)
    wrk_run "$1" "$2" "$3" "$DURATION"
    g1=$(ticks "$GATEWAY_PID"); r1=$(ticks "$REGISTRY_PID"); d1=$(ticks "$REDIS_PID"); w1=$(child_ticks)
    local f=$WORK/wrk-$1.txt requests
    requests=$(awk '/requests in/ {print $1}' "$f")
    printf '%-12s %3s conn %9s req/s  p50 %8s  p90 %8s  p99 %8s  non-2xx %s | CPU µs/request: gateway %4d registry %4d redis %4d wrk %4d\n' \
        "$1" "$3" "$(awk '/Requests\/sec/ {print $2}' "$f")" \
        "$(awk '$1 == "50%" {print $2}' "$f")" "$(awk '$1 == "90%" {print $2}' "$f")" \
        "$(awk '$1 == "99%" {print $2}' "$f")" "$(awk '/Non-2xx/ {print $NF}' "$f" | grep . || echo 0)" \
        $(((g1 - g0) * 1000000 / HZ / requests)) $(((r1 - r0) * 1000000 / HZ / requests)) \
        $(((d1 - d0) * 1000000 / HZ / requests)) $(((w1 - w0) * 1000000 / HZ / requests))
}

# CPU of the idle services (Kafka consumers, pools, JIT still compiling), for the per-request figures below.
sleep 5
g0=$(ticks "$GATEWAY_PID"); r0=$(ticks "$REGISTRY_PID"); d0=$(ticks "$REDIS_PID")
sleep 10
echo "idle CPU over 10 s: gateway $((($(ticks "$GATEWAY_PID") - g0) * 1000 / HZ)) ms, registry $((($(ticks "$REGISTRY_PID") - r0) * 1000 / HZ)) ms, redis $((($(ticks "$REDIS_PID") - d0) * 1000 / HZ)) ms"

if [[ $PHASES == *http* ]]; then
    # Warm-up, not measured: the JIT compilers (C2) otherwise take a core for the first tens of thousands of requests
    # on this machine (JFR: C2 CompilerThread0 was the busiest thread after a 20 s warm-up at 4 connections).
    wrk_run warm-gateway "$GATEWAY/api/v1/device-types" "$CONNECTIONS" "${WARMUP:-30}"
    wrk_run warm-direct "$REGISTRY/api/v1/device-types" "$CONNECTIONS" 10
    echo "== GET /api/v1/device-types, wrk ${DURATION}s per run (gateway CPU includes its access log)"
    measure direct "$REGISTRY/api/v1/device-types" 1
    measure gateway "$GATEWAY/api/v1/device-types" 1
    measure direct "$REGISTRY/api/v1/device-types" "$CONNECTIONS"
    measure gateway "$GATEWAY/api/v1/device-types" "$CONNECTIONS"
fi

if [[ $PHASES == *push* ]]; then
    ws_token=$("$ROOT/platform" token --role viewer --tenant "$tenant")
    echo "== push: $WS_CLIENTS device followers, $WS_FOLLOWERS tenant followers, $ROUNDS rounds of $WS_CLIENTS readings every 200 ms"
    g0=$(ticks "$GATEWAY_PID")
    bench push "ws://localhost:$PORT/ws" "$ws_token" "$tenant" "$WS_CLIENTS" "$WS_FOLLOWERS" "$KAFKA" \
        "$RUN.gw.telemetry-readings" "$ROUNDS" 2>"$WORK/push.err" || { cat "$WORK/push.err"; exit 1; }
    g1=$(ticks "$GATEWAY_PID")
    echo "push: gateway CPU $(((g1 - g0) * 1000 / HZ)) ms during the push phase (connect, publish, deliver)"
fi
echo "== load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
