#!/usr/bin/env bash
# Registry benchmark: bulk registrations/s and token exchanges/s against a real registry (started here on its own
# port, with the local PostgreSQL and Kafka of ./platform infra up). Run by hand from the repository root:
#   device-registry-service/bench/run.sh [batches] [batch-size] [exchanges] [concurrency]
# BCRYPT_COST (default 8, the service default) sets the cost of the stored secrets' hashes.
set -Eeuo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BATCHES=${1:-10}
BATCH_SIZE=${2:-500}
EXCHANGES=${3:-2000}
CONCURRENCY=${4:-16}
PORT=${PORT:-18181}
HOME_DIR=${IOTSPHERE_HOME:-$HOME/.iotsphere}

"$ROOT/platform" infra up >/dev/null
set -a
# shellcheck disable=SC1091
source "$HOME_DIR/infra.env"
set +a
"$ROOT/platform" token --role operator --tenant bench >/dev/null # makes the dev key pair if missing
if [[ ! -f $ROOT/device-registry-service/target/quarkus-app/quarkus-run.jar ]]; then
    "$ROOT/mvnw" -q -B package -pl device-registry-service -am -DskipTests
fi

log=$(mktemp /tmp/registry-bench.XXXXXX.log)
QUARKUS_DATASOURCE_PASSWORD=$IOTSPHERE_PG_PASSWORD_REGISTRY \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:$HOME_DIR/keys/dev-public.pem \
    SMALLRYE_JWT_SIGN_KEY_LOCATION=file:$HOME_DIR/keys/dev-private.pem \
    IOTSPHERE_REGISTRY_CREDENTIALS_BCRYPT_COST=${BCRYPT_COST:-8} \
    java -Xmx512m -Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN \
    -jar "$ROOT/device-registry-service/target/quarkus-app/quarkus-run.jar" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for ((i = 0; i < 300; i++)); do
    curl -sf "http://localhost:$PORT/q/health/ready" >/dev/null && break
    kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.2
done

tenant=bench-$(date +%s)
token=$("$ROOT/platform" token --role operator --tenant "$tenant")
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "registry: bcrypt cost ${BCRYPT_COST:-8}, PostgreSQL and Kafka on the same machine"
java "$ROOT/device-registry-service/bench/RegistryBench.java" "http://localhost:$PORT" "$token" "$tenant" \
    "$BATCHES" "$BATCH_SIZE" "$EXCHANGES" "$CONCURRENCY"
