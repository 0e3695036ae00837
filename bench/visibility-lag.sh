#!/usr/bin/env bash
# P4 (docs/benchmarks.md): write → read visibility lag at half of the maximum command rate. First the
# maximum: creates and renames flat out (closed loop, 32 clients); then the open model at half of that
# rate, following a sample of the writes on the query side until they show.
# Usage: ./mvnw -B -q -DskipTests package && bench/visibility-lag.sh [results-dir] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-bench/results/visibility-lag-$(date -u +%Y%m%dT%H%M%SZ)}
SECS=${2:-30}
MIX=create:50,rename:50
mkdir -p "$OUT"
LOADGEN=apps/loadgen/target/pcqrses-loadgen.jar
source bench/lib.sh
PID=
trap '[ -n "$PID" ] && stop_local' EXIT
start_local "$OUT/system.log" --data-dir="$(mktemp -d)/data" --fresh

# Flat out, after a minute of warm-up (the JIT on 2 cores).
java -jar "$LOADGEN" mix --rate=0 --concurrency=32 --mix="$MIX" --visibility-sample=0 --duration-seconds="$SECS" \
  --warmup-seconds=60 --out="$OUT/max.json" > /dev/null 2> "$OUT/max.txt"
MAX=$(python3 -c "import json; print(json.load(open('$OUT/max.json'))['total']['ok_per_second'])")
HALF=$(python3 -c "print(max(1, round($MAX / 2)))")
java -jar "$LOADGEN" mix --rate="$HALF" --mix="$MIX" --visibility-sample=0.2 --duration-seconds="$SECS" \
  --warmup-seconds=10 --out="$OUT/half.json" > /dev/null 2> "$OUT/half.txt"
stop_local

python3 - "$OUT" <<'PY' | tee "$OUT/summary.json"
import json, sys
out = sys.argv[1]
m, h = json.load(open(f"{out}/max.json")), json.load(open(f"{out}/half.json"))
v = h["visibility"]
print(json.dumps({
  "max_commands_per_second": m["total"]["ok_per_second"], "offered_per_second": h["target_rate_per_s"],
  "answered_per_second": h["total"]["ok_per_second"], "errors": h["total"]["errors"],
  "dropped": h["total"]["dropped"], "command_latency": h["total"]["latency"],
  "sampled": v["sampled"], "visible": v["visible"], "not_visible": v["not_visible_within_s"],
  "lag_from_start": v["lag_from_start"], "lag_from_answer": v["lag_from_answer"],
}, indent=2))
PY
