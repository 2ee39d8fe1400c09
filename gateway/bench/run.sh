#!/usr/bin/env bash
# Gateway benchmark, run by hand with the platform up (./platform up). It starts a second gateway of its own on port
# 18080 (same build, same Redis, Kafka and keys; rate limits raised so that one benchmark subject is not throttled,
# while every request still takes its tokens in Redis) and measures:
#  1. requests/s and latency of GET /api/v1/device-types through the gateway and straight to the registry, in one
#     run with the same wrk settings: the difference is what the gateway adds (JWT check, route, rate limit, proxy);
#  2. WebSocket push latency, reading accepted (published on telemetry-readings) to client, with N connected clients.
# usage: gateway/bench/run.sh [duration-seconds] [connections] [ws-clients]
set -Eeuo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DURATION=${1:-20}
CONNECTIONS=${2:-32}
WS_CLIENTS=${3:-1000}
PORT=${PORT:-18080}
GATEWAY=http://localhost:$PORT
REGISTRY=${REGISTRY:-http://localhost:8081}
HOME_DIR=${IOTSPHERE_HOME:-$HOME/.iotsphere}

command -v wrk >/dev/null || { echo "installing wrk (apt)"; sudo apt-get install -y -qq wrk >/dev/null 2>&1 || apt-get install -y -qq wrk >/dev/null; }
curl -sf "$REGISTRY/q/health/ready" >/dev/null || { echo "the registry is not ready at $REGISTRY: run ./platform up first" >&2; exit 1; }
set -a
# shellcheck disable=SC1091
source "$HOME_DIR/infra.env"
set +a
log=$(mktemp /tmp/gateway-bench.XXXXXX.log)
MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:$HOME_DIR/keys/dev-public.pem \
    IOTSPHERE_JWT_DEVICE_PUBLICKEY_LOCATION=file:$HOME_DIR/keys/dev-public.pem \
    java -Xmx512m -Dquarkus.http.port="$PORT" \
    -Diotsphere.gateway.rate-limit.roles.admin.capacity=100000000 \
    -Diotsphere.gateway.rate-limit.roles.admin.refill-per-second=100000000 \
    -Diotsphere.gateway.rate-limit.tenant.capacity=100000000 \
    -Diotsphere.gateway.rate-limit.tenant.refill-per-second=100000000 \
    -Diotsphere.services.registry="$REGISTRY" \
    -jar "$ROOT/gateway/target/quarkus-app/quarkus-run.jar" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for ((i = 0; i < 300; i++)); do
    curl -sf "$GATEWAY/q/health/ready" >/dev/null && break
    kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.2
done
tenant=bench-$(date +%s)
token=$("$ROOT/platform" token --role admin --tenant "$tenant")

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; everything co-located; wrk ${DURATION}s, $CONNECTIONS connections, 2 threads"
run() { # label url
    wrk -t"$((CONNECTIONS < 2 ? CONNECTIONS : 2))" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $token" "$2" >/tmp/wrk-$1.txt
    local rps p50 p90 p99
    rps=$(awk '/Requests\/sec/ {print $2}' /tmp/wrk-$1.txt)
    p50=$(awk '$1 == "50%" {print $2}' /tmp/wrk-$1.txt)
    p90=$(awk '$1 == "90%" {print $2}' /tmp/wrk-$1.txt)
    p99=$(awk '$1 == "99%" {print $2}' /tmp/wrk-$1.txt)
    printf '%-10s %10s req/s   p50 %8s   p90 %8s   p99 %8s   (non-2xx: %s)\n' "$1" "$rps" "$p50" "$p90" "$p99" \
        "$(awk '/Non-2xx/ {print $NF}' /tmp/wrk-$1.txt | grep . || echo 0)"
}
run direct "$REGISTRY/api/v1/device-types"
run gateway "$GATEWAY/api/v1/device-types"
# Single-connection latency isolates the added hop from queueing.
CONNECTIONS=1 run direct-1 "$REGISTRY/api/v1/device-types"
CONNECTIONS=1 run gateway-1 "$GATEWAY/api/v1/device-types"

ws_token=$("$ROOT/platform" token --role viewer --tenant "$tenant")
java -cp "$HOME_DIR/kafka-4.3.1/libs/*" "$ROOT/gateway/bench/PushBench.java" \
    "${GATEWAY/http/ws}/ws" "$ws_token" "$tenant" "$WS_CLIENTS" "$IOTSPHERE_KAFKA_BOOTSTRAP" 2>/dev/null
