#!/usr/bin/env bash
# P3 (docs/benchmarks.md): the projection's rate catching up a backlog of N creates, against the
# same run's raw JDBC batched upsert of as many rows (4 connections, 100 rows per transaction: the
# projection's slices and group size). The backlog: N creates are projected once, then the read model
# and the projection offsets are emptied and the system restarted, so that the projection replays
# all N events from the journal.
# Usage: ./mvnw -B -q -DskipTests package && bench/projection-rate.sh [results-dir] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-bench/results/projection-rate-$(date -u +%Y%m%dT%H%M%SZ)}
N=${2:-20000}
mkdir -p "$OUT"
LOADGEN=apps/loadgen/target/pcqrses-loadgen.jar
DATA=$(mktemp -d)/data
source bench/lib.sh
PID=
trap '[ -n "$PID" ] && stop_local' EXIT
applied() {
  curl -s http://127.0.0.1:18084/metrics | grep -E '^pcqrses_projection_events_total\{.*result="applied"' \
    | awk '{s+=$NF} END {printf "%.0f\n", s}'
}
created() {
  curl -s http://127.0.0.1:18080/metrics \
    | grep -E '^pcqrses_commands_seconds_count\{.*command="create".*outcome="accepted"' | awk '{s+=$NF} END {printf "%.0f\n", s}'
}

start_local "$OUT/system-1.log" --data-dir="$DATA" --fresh
while [ "$(created)" -lt "$N" ]; do
  java -jar "$LOADGEN" throughput --command=create --concurrency=32 --duration-seconds=10 --warmup-seconds=0 \
    --out="$OUT/create-$(date +%s).json" > /dev/null
done
TOTAL=$(created)
for _ in $(seq 1 600); do [ "$(applied)" -ge "$TOTAL" ] && break; sleep 0.5; done
psql -q -h 127.0.0.1 -p 15432 -U postgres pcqrses \
  -c "TRUNCATE user_accounts; DELETE FROM pekko_projection_offset_store; DELETE FROM pekko_projection_management;"
stop_local

start_local "$OUT/system-2.log" --data-dir="$DATA"
FIRST=""
while true; do
  NOW=$(date +%s.%N); A=$(applied)
  if [ -z "$FIRST" ] && [ "$A" -gt 0 ]; then FIRST=$NOW; FIRST_COUNT=$A; fi
  if [ "$A" -ge "$TOTAL" ]; then DONE=$NOW; break; fi
  sleep 0.1
done
RATE=$(python3 -c "print(round(($TOTAL - $FIRST_COUNT) / ($DONE - $FIRST)))")
java -jar "$LOADGEN" upsert-baseline --rows="$TOTAL" --threads=4 --batch=100 --out="$OUT/upsert-baseline.json" > /dev/null
BASE=$(python3 -c "import json; print(json.load(open('$OUT/upsert-baseline.json'))['rows_per_second'])")
python3 - "$OUT" "$TOTAL" "$RATE" "$BASE" <<'PY' | tee "$OUT/summary.json"
import json, sys
out, total, rate, base = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
print(json.dumps({"events": total, "projection_events_per_second": rate, "raw_upsert_rows_per_second": base,
                  "ratio": round(rate / base, 3)}, indent=2))
PY
