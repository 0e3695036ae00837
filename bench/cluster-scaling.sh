#!/usr/bin/env bash
# Issue 6 (docs/scaling.md, docs/benchmarks.md): command throughput of 1 vs 3 command-api nodes on
# this machine, with the CPU each process used. The same clients in both runs: three load
# generators of --concurrency 11 each (closed loop, creates then renames); with one node all three
# aim at it, with three nodes one each. The cluster is bin/run-cluster's (PostgreSQL, the query
# APIs and the read-model updater included), so every figure includes the projection's work too.
# Usage: ./mvnw -B -q -DskipTests package && bench/cluster-scaling.sh [results-dir] [seconds]
# (CLUSTER_PORT_OFFSET=1000 moves the cluster off the local jar's ports.)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-bench/results/cluster-scaling-$(date -u +%Y%m%dT%H%M%SZ)}
SECS=${2:-30}
WARMUP=${WARMUP:-45}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
LOADGEN=apps/loadgen/target/pcqrses-loadgen.jar
TICKS=$(getconf CLK_TCK)
O=${CLUSTER_PORT_OFFSET:-0} # bin/run-cluster shifts every port by it
PORTS=($((18080 + O)) $((18180 + O)) $((18280 + O)))

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# PostgreSQL is a tree of processes: the server (postmaster.pid in its data directory) and one
# backend per connection, its children.
postgres_ticks() { # $1 = the cluster directory
  local pm sum=0 p
  pm=$(head -1 "$(find "$1" -name postmaster.pid | head -1)" 2>/dev/null) || { echo 0; return; }
  for p in "$pm" $(pgrep -P "$pm"); do sum=$(( sum + $(cpu_ticks "$p") )); done
  echo "$sum"
}

run() { # $1 = command nodes (1 or 3), $2 = command (create|rename)
  local nodes=$1 command=$2 dir="$OUT/nodes-$1-$2"
  mkdir -p "$dir"
  CLUSTER_DIR="$dir/cluster" CLUSTER_FRESH=true CLUSTER_COMMAND_NODES=$nodes bin/run-cluster > "$dir/cluster.log" 2>&1 &
  local cluster=$!
  for _ in $(seq 1 720); do
    grep -q "cluster is ready" "$dir/cluster.log" && break
    kill -0 "$cluster" 2>/dev/null || { cat "$dir/cluster.log"; exit 1; }
    sleep 0.25
  done
  grep -q "cluster is ready" "$dir/cluster.log" || { echo "cluster not ready: $dir/cluster.log"; exit 1; }
  local clients=() i
  for i in 0 1 2; do
    local port=${PORTS[$(( i % nodes ))]}
    java -Xmx256m -jar "$LOADGEN" throughput --command="$command" --accounts=300 --concurrency=11 \
      --duration-seconds="$SECS" --warmup-seconds="$WARMUP" --command-url="http://127.0.0.1:$port" \
      --out="$dir/client-$i.json" > /dev/null 2> "$dir/client-$i.err" &
    clients+=($!)
  done
  # CPU per process over the measured window only (the clients' warm-up, plus their set-up, first).
  local setup=2
  [ "$command" = rename ] && setup=8 # the clients create their accounts first
  sleep "$(( WARMUP + setup ))"
  declare -A before
  local pidfile name
  for pidfile in "$dir"/cluster/pids/*.pid; do
    name=$(basename "$pidfile" .pid); [ "$name" = postgres ] && continue
    before[$name]=$(cpu_ticks "$(cat "$pidfile")")
  done
  before[postgres]=$(postgres_ticks "$dir/cluster")
  for i in 0 1 2; do before[client-$i]=$(cpu_ticks "${clients[$i]}"); done
  # Inside the clients' measured period, with a margin at its end (they stop after $SECS).
  local start; start=$(date +%s.%N)
  sleep "$(( SECS > 15 ? SECS - 10 : SECS / 2 ))"
  local end; end=$(date +%s.%N)
  : > "$dir/cpu.txt"
  for pidfile in "$dir"/cluster/pids/*.pid; do
    name=$(basename "$pidfile" .pid); [ "$name" = postgres ] && continue
    echo "$name $(( $(cpu_ticks "$(cat "$pidfile")") - ${before[$name]} ))" >> "$dir/cpu.txt"
  done
  echo "postgres $(( $(postgres_ticks "$dir/cluster") - ${before[postgres]} ))" >> "$dir/cpu.txt"
  for i in 0 1 2; do echo "client-$i $(( $(cpu_ticks "${clients[$i]}") - ${before[client-$i]} ))" >> "$dir/cpu.txt"; done
  echo "window $(python3 -c "print($end - $start)") ticks-per-second $TICKS" >> "$dir/cpu.txt"
  wait "${clients[@]}"
  kill -TERM "$cluster"; wait "$cluster" || true
}

for command in create rename; do
  run 1 "$command"
  run 3 "$command"
done

python3 - "$OUT" <<'PY' | tee "$OUT/summary.json"
import json, os, sys
out = sys.argv[1]
summary = {}
for d in sorted(os.listdir(out)):
    path = os.path.join(out, d)
    if not d.startswith("nodes-"):
        continue
    clients = [json.load(open(os.path.join(path, f"client-{i}.json"))) for i in range(3)]
    cpu = {}
    window = ticks = 1
    for line in open(os.path.join(path, "cpu.txt")):
        k, v, *rest = line.split()
        if k == "window":
            window, ticks = float(v), int(rest[1])
        else:
            cpu[k] = int(v)
    summary[d] = {
        "commands_per_second": round(sum(c["commands_per_second"] for c in clients)),
        "p99_ms_worst_client": max(c["latency"]["p99_ms"] for c in clients),
        "failures": sum(c["commands_failed"] for c in clients),
        "cpu_cores_by_process": {k: round(v / ticks / window, 2) for k, v in sorted(cpu.items())},
    }
for command in ("create", "rename"):
    one, three = summary.get(f"nodes-1-{command}"), summary.get(f"nodes-3-{command}")
    if one and three:
        summary[f"{command}_ratio_3_nodes_to_1"] = round(three["commands_per_second"] / one["commands_per_second"], 3)
print(json.dumps(summary, indent=2))
PY
