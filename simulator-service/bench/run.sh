#!/usr/bin/env bash
# Simulator benchmark: devices per core at a 10 s reporting interval in real time (QoS 1 to the local Mosquitto) and
# backfill readings/s (to a throw-away Kafka topic). Needs the local infrastructure (./platform infra up).
#   simulator-service/bench/run.sh [devices=20000] [seconds=60] [backfill devices=200]
set -euo pipefail
cd "$(dirname "$0")/../.."
DEVICES=${1:-20000} SECONDS_=${2:-60} BACKFILL=${3:-200}
CP_FILE=$(mktemp)
# Compiled and resolved in one reactor run, so that contracts and commons come from their target/classes.
./mvnw -B -q -pl simulator-service -am test-compile dependency:build-classpath -Dspotless.check.skip=true \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
echo "== $(date -u +%FT%TZ) $(uname -srm); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
# The reactor's modules (contracts, commons) are read from their target/classes, never installed.
CP=$(sed "s#[^:]*/io/iotsphere/[^:]*##g" "$CP_FILE")
java -Xmx2g -XX:+UseG1GC -cp "simulator-service/target/classes:simulator-service/target/test-classes:contracts/target/classes:commons/target/classes:$CP" \
    -Dbench.devices="$DEVICES" -Dbench.seconds="$SECONDS_" -Dbench.backfill-devices="$BACKFILL" \
    io.iotsphere.simulator.service.SimulatorBench
rm -f "$CP_FILE"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
