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
LOADGEN=apps/loadgen/target/pcqrses-loadgen.jar
DATA=$(mktemp -d)/data
source bench/lib.sh
PID=
trap 'stop_local' EXIT
start_local "$OUT/system.log" --data-dir="$DATA" --fresh
java -jar "$LOADGEN" lambda --artifact="$ARTIFACT" --jdbc-url=jdbc:postgresql://localhost:15432/pcqrses \
  --cold-runs=5 --cold-batch=100 --batch=1000 --warmup-batches=10 --batches=20 --out="$OUT/lambda.json"
