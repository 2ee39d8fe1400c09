#!/usr/bin/env bash
# Shadow update benchmark (run by hand; not a test). In one run, on this machine:
#   1. redis-benchmark's SET/GET rate against a Redis of the benchmark's own (AOF everysec, as in production): the
#      ceiling any Redis-backed update path can reach here;
#   2. the packaged shadow-service on port 18084, with the platform's JVM settings, against that Redis and the local
#      Kafka (topics of its own);
#   3. HTTP: CONCURRENCY authenticated PATCHes of desired state kept in flight on random devices, by wrk (patch.lua,
#      GENERATOR=wrk, the default: a light generator that leaves the CPU to the service) or by ShadowBench.java
#      (GENERATOR=java): updates/s, latency percentiles, CPU per update of each process, then a check that
#      shadow-changes got exactly one event per update the shadows' versions count; then (READS=1) the same with
#      GETs, for comparison: what the same HTTP stack serves without a write;
#   4. MQTT (MQTT_SECONDS, 0 skips it): devices report state on .../state/reported (QoS 1) on MQTT_CONNECTIONS
#      connections as fast as the service applies it (at most MQTT_MAX_BACKLOG acknowledged by the broker and not yet
#      applied): updates/s, the service's time per update and the CPU per update of each process, then a check that
#      every acknowledged message became one update and one event;
#   5. telemetry: TELEMETRY_ROUNDS readings per device sent to telemetry-readings as fast as a producer can, timed
#      until the last round is in every shadow (0 skips it).
# Needs ./platform infra up (Kafka, Mosquitto) and the dev key pair (./platform token). Leaves nothing behind.
# Settings (environment): DEVICES=1000 CONCURRENCY=64 WARMUP=30 DURATION=30 TELEMETRY_ROUNDS=100 GENERATOR=wrk READS=1
#   MQTT_SECONDS=$DURATION MQTT_WARMUP=20 MQTT_CONNECTIONS=4 MQTT_MAX_BACKLOG=4000
# PORT=18084 SERVICE_JAVA_OPTS= (e.g. -XX:StartFlightRecording=filename=/tmp/shadow.jfr,settings=profile to profile)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$ROOT/shadow-service/bench
DEVICES=${DEVICES:-1000}
CONCURRENCY=${CONCURRENCY:-64}
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
TELEMETRY_ROUNDS=${TELEMETRY_ROUNDS:-100}
GENERATOR=${GENERATOR:-wrk}
READS=${READS:-1}
MQTT_SECONDS=${MQTT_SECONDS:-$DURATION}
MQTT_WARMUP=${MQTT_WARMUP:-20}
MQTT_CONNECTIONS=${MQTT_CONNECTIONS:-4}
MQTT_MAX_BACKLOG=${MQTT_MAX_BACKLOG:-4000}
# The platform's JVM settings for this service (./platform, jvm_opts).
JVM_OPTS="-Xms384m -Xmx384m -Xmn256m -XX:+UseParallelGC"
PORT=${PORT:-18084}
IOTSPHERE_HOME=${IOTSPHERE_HOME:-$HOME/.iotsphere}
KAFKA=${IOTSPHERE_KAFKA_BOOTSTRAP:-localhost:9092}
RUN=bench$(date +%s)
PREFIX=$RUN.
WORK=$(mktemp -d)
SERVICE_PID=""
REDIS_PORT=""

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# name:pid of each process whose CPU per update is reported (Kafka and Mosquitto are the shared local ones).
processes() {
    local list="service:$SERVICE_PID,redis:$(cat "$WORK/redis.pid")" pid
    pid=$(pgrep -f 'kafka\.Kafka ' | head -1 || true)
    [[ -n $pid ]] && list="$list,kafka:$pid"
    pid=$(pgrep -x mosquitto | head -1 || true)
    [[ -n $pid ]] && list="$list,mosquitto:$pid"
    echo "$list"
}

cleanup() {
    [[ -n $SERVICE_PID ]] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
    [[ -n $REDIS_PORT ]] && redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    [[ -f $WORK/cp ]] && java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$(cat "$WORK/cp")" "$BENCH/ShadowBench.java" topics-delete "$KAFKA" "$PREFIX" || true
    rm -rf "$WORK"
}
trap cleanup EXIT

cd "$ROOT"
"$ROOT/platform" token --role operator --tenant bench >/dev/null # makes the dev key pair if missing
if [[ $GENERATOR == wrk ]] && ! command -v wrk >/dev/null; then
    echo "installing wrk (apt)"
    sudo apt-get install -y -qq wrk >/dev/null 2>&1 || apt-get install -y -qq wrk >/dev/null
fi
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
    exec java $JVM_OPTS ${SERVICE_JAVA_OPTS:-} -jar shadow-service/target/quarkus-app/quarkus-run.jar >"$WORK/service.log" 2>&1
) &
SERVICE_PID=$!
for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
    sleep 0.2
done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { echo "service not ready"; tail -50 "$WORK/service.log"; exit 1; }

TOKEN=$("$ROOT/platform" token --role operator --tenant bench --ttl 3600)
bench() { java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$(cat "$WORK/cp")" "$BENCH/ShadowBench.java" "$@"; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# CPU of the service's JIT compiler threads (C1, C2): high while the JVM is still warming up.
jit_ticks() { cat /proc/"$1"/task/*/stat 2>/dev/null | awk '/\((C1|C2) CompilerThre/ {sub(/^.*\) /, ""); n += $12 + $13} END {print n + 0}'; }
# Shadow writes and the Redis script runs that carried them so far (iotsphere_shadow_write_batch_writes sum, count).
write_batches() {
    curl -fs "http://127.0.0.1:$PORT/q/metrics" |
        awk '/^iotsphere_shadow_write_batch_writes_sum/ {s = $2} /^iotsphere_shadow_write_batch_writes_count/ {c = $2} END {print s + 0, c + 0}'
}
# Runs wrk (patch.lua, METHOD=$1) for DURATION seconds and prints the rate, the latency, the failures and the CPU each
# process spent per request; sets ACCEPTED.
measure_wrk() {
    local method=$1 label=$2 p name
    IFS=, read -ra PROCS <<<"$(processes)"
    declare -A BEFORE AFTER
    for p in "${PROCS[@]}"; do BEFORE[${p%%:*}]=$(ticks "${p##*:}"); done
    BEFORE[jit]=$(jit_ticks "$SERVICE_PID")
    read -r BATCHED_BEFORE RUNS_BEFORE < <(write_batches)
    TIMEFORMAT='%U %S'
    { time METHOD=$method wrk -t1 -c"$CONCURRENCY" -d"${DURATION}s" -s "$BENCH/patch.lua" "http://127.0.0.1:$PORT" >"$WORK/measured.txt"; } 2>"$WORK/wrk-cpu.txt"
    for p in "${PROCS[@]}"; do AFTER[${p%%:*}]=$(ticks "${p##*:}"); done
    AFTER[jit]=$(jit_ticks "$SERVICE_PID")
    read -r BATCHED_AFTER RUNS_AFTER < <(write_batches)
    AFTER[wrk]=$(awk '{printf "%d", ($1 + $2) * 100}' "$WORK/wrk-cpu.txt")
    BEFORE[wrk]=0
    PROCS+=("wrk:0" "jit:0")
    read -r REQUESTS NON2XX CONNECT READ WRITE TIMEOUT DURATION_US < <(sed -n 's/^WRK requests=\([0-9]*\) non2xx=\([0-9]*\) connect=\([0-9]*\) read=\([0-9]*\) write=\([0-9]*\) timeout=\([0-9]*\) duration_us=\([0-9]*\)/\1 \2 \3 \4 \5 \6 \7/p' "$WORK/measured.txt")
    ACCEPTED=$((REQUESTS - NON2XX))
    SECONDS_MEASURED=$(awk -v us="$DURATION_US" 'BEGIN {printf "%.2f", us / 1e6}')
    echo "$label"
    awk -v n="$ACCEPTED" -v s="$SECONDS_MEASURED" 'BEGIN {printf "  accepted: %d in the window = %.0f requests/s\n", n, n / s}'
    sed -n 's/^WRK p50=\(.*\) p90=\(.*\) p99=\(.*\) p999=\(.*\) max=\(.*\)/  latency ms: p50 \1  p90 \2  p99 \3  p99.9 \4  max \5/p' "$WORK/measured.txt"
    echo "  failures: non-2xx $NON2XX, connect $CONNECT, read $READ, write $WRITE, timeout $TIMEOUT"
    if [[ $method != GET ]]; then
        awk -v wa="$BATCHED_AFTER" -v wb="$BATCHED_BEFORE" -v ra="$RUNS_AFTER" -v rb="$RUNS_BEFORE" 'BEGIN {w = wa - wb; r = ra - rb
            printf "  writes per Redis script run: %.1f on average (%d writes in %d runs)\n", r ? w / r : 0, w, r}'
    fi
    for p in "${PROCS[@]}"; do
        name=${p%%:*}
        awk -v name="$([[ $name == jit ]] && echo "  of which the service's JIT compiler" || echo "$name")" -v t=$((AFTER[$name] - BEFORE[$name])) -v n="$ACCEPTED" -v s="$SECONDS_MEASURED" \
            'BEGIN {printf "  %s CPU in the window: %.1f s = %.0f us per request (%.2f cores)\n", name, t / 100, t * 1e4 / n, t / 100 / s}'
    done
}
# Updates the shadows took: the sum of their versions (each accepted update adds 1, the run's devices start with none).
versions() {
    redis-cli -p "$REDIS_PORT" --raw eval "local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do n = n + tonumber(redis.call('HGET', k, 'version') or '0') end return n" 0 "${RUN}:shadow:bench:*"
}
echo "== shadow-service $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo ' (+ uncommitted changes)'), JVM $JVM_OPTS ${SERVICE_JAVA_OPTS:-}, load generator ($GENERATOR) on the same machine"
if [[ $GENERATOR == java ]]; then
    bench run "http://127.0.0.1:$PORT" "$TOKEN" bench "$DEVICES" "$CONCURRENCY" "$WARMUP" "$DURATION" "$KAFKA" "$PREFIX" "$(processes)"
else
    bench register "http://127.0.0.1:$PORT" "$TOKEN" bench "$DEVICES" "$KAFKA" "$PREFIX"
    EVENTS_BEFORE=$(bench events "$KAFKA" "$PREFIX")
    export TOKEN DEVICES
    wrk -t1 -c"$CONCURRENCY" -d"${WARMUP}s" -s "$BENCH/patch.lua" "http://127.0.0.1:$PORT" >"$WORK/warmup.txt"
    measure_wrk PATCH "shadow updates (PATCH desired by wrk, $DEVICES devices, $CONCURRENCY in flight, ${DURATION} s measured after ${WARMUP} s warm-up)"
    # Every accepted update took a version; requests still in flight when wrk stopped may have, too (at most
    # CONCURRENCY per wrk run): the versions are the updates applied, and each must have exactly one event.
    WARMUP_ACCEPTED=$(sed -n 's/^WRK requests=\([0-9]*\) non2xx=\([0-9]*\).*/\1 \2/p' "$WORK/warmup.txt" | awk '{print $1 - $2}')
    sleep 1
    APPLIED=$(versions)
    echo "  updates applied (sum of the shadows' versions): $APPLIED for $((WARMUP_ACCEPTED + ACCEPTED)) accepted by wrk (warm-up included; wrk does not count requests in flight when it stops)"
    bench check "$KAFKA" "$PREFIX" "$EVENTS_BEFORE" "$APPLIED"
    if [[ $READS == 1 ]]; then
        # The same HTTP stack without a write: the token, one HMGET, the document read and written as JSON.
        measure_wrk GET "for comparison, shadow reads (GET by wrk, same devices and connections, ${DURATION} s, warm already)"
    fi
fi
if [[ $MQTT_SECONDS -gt 0 ]]; then
    bench reported "http://127.0.0.1:$PORT" bench "$DEVICES" "$MQTT_CONNECTIONS" "$MQTT_WARMUP" "$MQTT_SECONDS" "$KAFKA" "$PREFIX" \
        "$MQTT_MAX_BACKLOG" "$(processes)"
fi
if [[ $TELEMETRY_ROUNDS -gt 0 ]]; then
    bench telemetry "http://127.0.0.1:$PORT" "$TOKEN" bench "$DEVICES" "$TELEMETRY_ROUNDS" "$KAFKA" "$PREFIX" "$(processes)"
fi
