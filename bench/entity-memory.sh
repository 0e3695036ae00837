#!/usr/bin/env bash
# Heap per live entity (docs/benchmarks.md): the local jar on fresh data; creates N accounts (each one
# a live entity until it has been idle for the passivation timeout), then a full GC and the heap
# used, against the heap used before the first create (same JVM, same GC), divided by the entities
# alive (pcqrses_sharding_entities). Then it waits until every entity has passivated and measures
# again (use a short idle timeout for that part, a long one for the per-entity figure).
# Usage: ./mvnw -B -q -DskipTests package && bench/entity-memory.sh [results-dir] [N] [idle-timeout]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-bench/results/entity-memory-$(date -u +%Y%m%dT%H%M%SZ)}
N=${2:-10000}
IDLE=${3:-60s}
mkdir -p "$OUT"
LOADGEN=apps/loadgen/target/pcqrses-loadgen.jar
JCMD="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/jcmd"
source bench/lib.sh
PID=
trap '[ -n "$PID" ] && stop_local' EXIT
SHARDING_PASSIVATE_IDLE_AFTER=$IDLE METRICS_SHARDING_SAMPLE_INTERVAL=1s \
  start_local "$OUT/system.log" --data-dir="$(mktemp -d)/data" --fresh

metric() { # sum of a metric family's samples on command-api, e.g. metric 'jvm_memory_used_bytes{.*area="heap"'
  curl -s http://127.0.0.1:18080/metrics | grep -E "^$1" | awk '{s+=$NF} END {printf "%.0f\n", s}'
}
heap_after_gc() {
  "$JCMD" "$PID" GC.run > /dev/null; sleep 1; "$JCMD" "$PID" GC.run > /dev/null; sleep 1
  metric 'jvm_memory_used_bytes\{.*area="heap"'
}
entities() { metric 'pcqrses_sharding_entities\{'; }

BASE=$(heap_after_gc)
echo "baseline heap: $BASE bytes, entities $(entities)" | tee "$OUT/memory.txt"
created() { metric 'pcqrses_commands_seconds_count\{.*command="create".*outcome="accepted"'; }
while [ "$(created)" -lt "$N" ]; do
  java -jar "$LOADGEN" throughput --command=create --concurrency=32 --duration-seconds=10 --warmup-seconds=0 \
    --out="$OUT/create-$(date +%s).json" > /dev/null
done
sleep 2
LIVE=$(entities)
HEAP=$(heap_after_gc)
echo "with $LIVE live entities: heap $HEAP bytes; per entity $(( (HEAP - BASE) / LIVE )) bytes" | tee -a "$OUT/memory.txt"
if [ "${WAIT_FOR_PASSIVATION:-true}" = true ]; then
  for _ in $(seq 1 3600); do [ "$(entities)" -eq 0 ] && break; sleep 1; done
  AFTER=$(heap_after_gc)
  echo "after passivation ($(entities) live): heap $AFTER bytes; $(( (AFTER - BASE) / LIVE )) bytes per former entity" \
    | tee -a "$OUT/memory.txt"
fi
