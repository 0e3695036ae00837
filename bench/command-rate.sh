#!/usr/bin/env bash
# P1 (docs/benchmarks.md): commands/s through the command API (GraphQL over HTTP, closed loop, 32
# clients) against the raw journal append rate on the same PostgreSQL in the same run: 8 threads
# writing what pekko-persistence-jdbc writes for one event, 50 events per transaction (the batched
# baseline the goal is set against) and 1 per transaction.
# With JFR=1 a JFR recording of the system covers the rename run (profile.jfr; see docs/benchmarks.md
# for how to read it).
# Usage: ./mvnw -B -q -DskipTests package && bench/command-rate.sh [results-dir] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-bench/results/command-rate-$(date -u +%Y%m%dT%H%M%SZ)}
SECS=${2:-30}
mkdir -p "$OUT"
LOADGEN=apps/loadgen/target/pcqrses-loadgen.jar
JDBC=jdbc:postgresql://localhost:15432/pcqrses
source bench/lib.sh
PID=
trap '[ -n "$PID" ] && stop_local' EXIT
start_local "$OUT/system.log" --data-dir="$(mktemp -d)/data" --fresh

# 60 s of warm-up: on 2 cores the JIT compiler is still busy for the first minute.
java -jar "$LOADGEN" throughput --command=create --concurrency=32 --duration-seconds="$SECS" --warmup-seconds=60 \
  --out="$OUT/create.json" > /dev/null
if [ "${JFR:-0}" = 1 ]; then
  jcmd "$PID" JFR.start name=p1 settings=profile filename="$OUT/profile.jfr" > /dev/null
fi
java -jar "$LOADGEN" throughput --command=rename --accounts=1000 --concurrency=32 --duration-seconds="$SECS" \
  --warmup-seconds=10 --out="$OUT/rename.json" > /dev/null
if [ "${JFR:-0}" = 1 ]; then jcmd "$PID" JFR.stop name=p1 > /dev/null; fi
java -jar "$LOADGEN" journal-baseline --jdbc-url="$JDBC" --threads=8 --batch=50 --duration-seconds=20 \
  --out="$OUT/journal-batched.json" > /dev/null
java -jar "$LOADGEN" journal-baseline --jdbc-url="$JDBC" --threads=8 --batch=1 --duration-seconds=20 \
  --out="$OUT/journal-single.json" > /dev/null
stop_local

python3 - "$OUT" <<'PY' | tee "$OUT/summary.json"
import json, os, sys
out = sys.argv[1]
load = lambda n: json.load(open(os.path.join(out, n)))
c, r, b, s = load("create.json"), load("rename.json"), load("journal-batched.json"), load("journal-single.json")
base = b["events_per_second"]
print(json.dumps({
  "creates_per_second": c["commands_per_second"], "create_p99_ms": c["latency"]["p99_ms"],
  "renames_per_second": r["commands_per_second"], "rename_p99_ms": r["latency"]["p99_ms"],
  "journal_appends_per_second_batched": base, "journal_appends_per_second_single": s["events_per_second"],
  "create_ratio_to_batched": round(c["commands_per_second"] / base, 3),
  "rename_ratio_to_batched": round(r["commands_per_second"] / base, 3),
  "rename_ratio_to_single": round(r["commands_per_second"] / s["events_per_second"], 3),
}, indent=2))
PY
