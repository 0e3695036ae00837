#!/usr/bin/env bash
# Measures the Lambda read-model updater (docs/benchmarks.md): artifact size, cold init (JVM start →
# first batch of 100 applied) and records/s for batches of 1,000 against the same run's raw batched
# upserts. PostgreSQL is the local jar's embedded one, on fresh data.
# Usage: ./mvnw -B -q -DskipTests package && bench/lambda.sh [results-dir] [lambda-artifact]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-bench/results/lambda-$(date -u +%Y%m%dT%H%M%SZ)}
ARTIFACT=${2:-apps/read-model-updater/target/pcqrses-read-model-updater-lambda.jar}
mkdir -p "$OUT"
LOCAL=apps/local/target/pcqrses-local.jar
LOADGEN=apps/loadgen/target/pcqrses-loadgen.jar
DATA=$(mktemp -d)/data
java -jar "$LOCAL" --data-dir="$DATA" --fresh > "$OUT/system.log" 2>&1 &
PID=$!
trap 'kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  if grep -q "pcqrses is ready" "$OUT/system.log"; then break; fi
  if ! kill -0 "$PID" 2>/dev/null; then cat "$OUT/system.log"; exit 1; fi
  sleep 0.25
done
grep -q "pcqrses is ready" "$OUT/system.log" || { echo "not ready"; exit 1; }
java -jar "$LOADGEN" lambda --artifact="$ARTIFACT" --jdbc-url=jdbc:postgresql://localhost:15432/pcqrses \
  --cold-runs=5 --cold-batch=100 --batch=1000 --warmup-batches=10 --batches=20 --out="$OUT/lambda.json"
