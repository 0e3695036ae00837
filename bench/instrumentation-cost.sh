#!/usr/bin/env bash
# What instrumentation costs (docs/benchmarks.md): command throughput of the local system with
# metrics on (METRICS_ENABLED=true: every meter, the instrumented mailbox) and off (no meter accepted,
# Pekko's plain mailbox), alternating on/off ROUNDS times in the same run on fresh data each time.
# Logging stays at its default (INFO, JSON) in both.
# Usage: ./mvnw -B -q -DskipTests package && bench/instrumentation-cost.sh [results-dir] [rounds] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-bench/results/instrumentation-$(date -u +%Y%m%dT%H%M%SZ)}
ROUNDS=${2:-3}
SECONDS_PER_RUN=${3:-20}
mkdir -p "$OUT"
LOADGEN=apps/loadgen/target/pcqrses-loadgen.jar
source bench/lib.sh
PID=
trap '[ -n "$PID" ] && stop_local' EXIT

run() { # $1 = true|false, $2 = round
  local log="$OUT/system-metrics-$1-$2.log"
  METRICS_ENABLED=$1 start_local "$log" --data-dir="$(mktemp -d)/data" --fresh
  java -jar "$LOADGEN" throughput --command=rename --accounts=1000 --concurrency=32 \
    --duration-seconds="$SECONDS_PER_RUN" --warmup-seconds=5 --out="$OUT/metrics-$1-$2.json" > /dev/null
  stop_local
}

for round in $(seq 1 "$ROUNDS"); do
  run true "$round"
  run false "$round"
done
python3 - "$OUT" "$ROUNDS" <<'PY'
import json, sys, statistics
out, rounds = sys.argv[1], int(sys.argv[2])
def rate(on, r):
    with open(f"{out}/metrics-{on}-{r}.json") as f:
        return json.load(f)["commands_per_second"]
on = [rate("true", r) for r in range(1, rounds + 1)]
off = [rate("false", r) for r in range(1, rounds + 1)]
summary = {"metricsOn": on, "metricsOff": off,
           "medianOn": statistics.median(on), "medianOff": statistics.median(off),
           "ratioOnOverOff": statistics.median(on) / statistics.median(off)}
print(json.dumps(summary, indent=2))
json.dump(summary, open(f"{out}/summary.json", "w"), indent=2)
PY
