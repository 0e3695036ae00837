#!/usr/bin/env bash
# Measures the main flow on this machine (docs/benchmarks.md): start-up of the local jar, create →
# visible latency, and command throughput against the same run's raw journal append rate.
# Usage: ./mvnw -B -q -DskipTests package && bench/main-flow.sh [results-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
LOADGEN=apps/loadgen/target/pcqrses-loadgen.jar
DATA=$(mktemp -d)/data
PID=

source bench/lib.sh
start_system() { # $1: extra flag (--fresh or empty)
  start_local "$OUT/system.log" --data-dir="$DATA" $1
}
stop_system() {
  stop_local
}
trap '[ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null || true' EXIT

echo "== start-up (seconds from JVM start to every app ready)" | tee "$OUT/startup.txt"
for run in fresh warm warm warm fresh; do
  flag=""; [ "$run" = fresh ] && flag=--fresh
  start_system "$flag"
  secs=$(grep -o 'ready in [0-9.]*' "$OUT/system.log" | awk '{print $3}')
  echo "$run $secs" | tee -a "$OUT/startup.txt"
  stop_system
done

echo "== create → visible, throughput, journal baseline (one system, fresh data)"
start_system --fresh
java -jar "$LOADGEN" visibility --count=1000 --warmup=100 --out="$OUT/visibility.json" > /dev/null
# 60 s of warm-up: on 2 cores the JIT compiler is still busy for the first minute.
java -jar "$LOADGEN" throughput --command=create --concurrency=32 --duration-seconds=30 --warmup-seconds=60 \
  --out="$OUT/throughput.json" > /dev/null
java -jar "$LOADGEN" throughput --command=rename --accounts=1000 --concurrency=32 --duration-seconds=30 \
  --warmup-seconds=10 --out="$OUT/throughput-rename.json" > /dev/null
java -jar "$LOADGEN" journal-baseline --jdbc-url=jdbc:postgresql://localhost:15432/pcqrses --threads=8 --batch=1 \
  --duration-seconds=20 --out="$OUT/journal-baseline.json" > /dev/null
java -jar "$LOADGEN" journal-baseline --jdbc-url=jdbc:postgresql://localhost:15432/pcqrses --threads=8 --batch=50 \
  --duration-seconds=20 --out="$OUT/journal-baseline-batched.json" > /dev/null
stop_system

python3 - "$OUT" <<'PY'
import json, sys, os
out = sys.argv[1]
load = lambda n: json.load(open(os.path.join(out, n)))
v, t, tr, b, bb = (load("visibility.json"), load("throughput.json"), load("throughput-rename.json"),
                   load("journal-baseline.json"), load("journal-baseline-batched.json"))
summary = {
  "create_to_visible_p50_ms": v["create_to_visible"]["p50_ms"],
  "create_to_visible_p99_ms": v["create_to_visible"]["p99_ms"],
  "create_p50_ms_sequential": v["create_latency"]["p50_ms"],
  "creates_per_second": t["commands_per_second"],
  "create_latency_p99_ms": t["latency"]["p99_ms"],
  "renames_per_second": tr["commands_per_second"],
  "rename_latency_p99_ms": tr["latency"]["p99_ms"],
  "journal_appends_per_second_single": b["events_per_second"],
  "journal_appends_per_second_batched": bb["events_per_second"],
  "ratio_creates_to_single_appends": round(t["commands_per_second"] / b["events_per_second"], 3),
  "ratio_renames_to_single_appends": round(tr["commands_per_second"] / b["events_per_second"], 3),
  "ratio_renames_to_batched_appends": round(tr["commands_per_second"] / bb["events_per_second"], 3),
}
json.dump(summary, open(os.path.join(out, "summary.json"), "w"), indent=2)
print(json.dumps(summary, indent=2))
PY
