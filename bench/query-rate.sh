#!/usr/bin/env bash
# P2 (docs/benchmarks.md): getUserAccount through the query API (GraphQL over HTTP, flat out, 32
# clients) against pgbench running the equivalent prepared single-row SELECT on the same table, with
# the same concurrency, in the same run. Both read rows that are in PostgreSQL's cache (the load
# generator picks among 500 seeded accounts; pgbench reads one of them).
# Usage: ./mvnw -B -q -DskipTests package && bench/query-rate.sh [results-dir] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-bench/results/query-rate-$(date -u +%Y%m%dT%H%M%SZ)}
SECS=${2:-20}
mkdir -p "$OUT"
LOADGEN=apps/loadgen/target/pcqrses-loadgen.jar
source bench/lib.sh
PID=
trap '[ -n "$PID" ] && stop_local' EXIT
start_local "$OUT/system.log" --data-dir="$(mktemp -d)/data" --fresh

java -jar "$LOADGEN" mix --rate=0 --concurrency=32 --mix=get:100 --seed-accounts=500 --duration-seconds="$SECS" \
  --warmup-seconds=10 --out="$OUT/graphql-get.json" > /dev/null 2> "$OUT/graphql-get.txt"
ID=$(psql -At -h 127.0.0.1 -p 15432 -U postgres pcqrses -c "SELECT id FROM user_accounts WHERE deleted_at IS NULL LIMIT 1")
cat > "$OUT/select.sql" <<'SQL'
SELECT id, first_name, last_name, created_at, updated_at FROM user_accounts WHERE deleted_at IS NULL AND id = :id;
SQL
pgbench -h 127.0.0.1 -p 15432 -U postgres -n -M prepared -c 32 -j 2 -T "$SECS" -D id="$ID" -f "$OUT/select.sql" \
  pcqrses > "$OUT/pgbench.txt" 2>&1
python3 - "$OUT" <<'PY' | tee "$OUT/summary.json"
import json, re, sys
out = sys.argv[1]
graphql = json.load(open(f"{out}/graphql-get.json"))["operations"]["get"]
tps = float(re.search(r"tps = ([0-9.]+)", open(f"{out}/pgbench.txt").read()).group(1))
print(json.dumps({"graphql_get_per_second": graphql["ok_per_second"], "graphql_get_latency": graphql["latency"],
                  "pgbench_select_per_second": round(tps), "ratio": round(graphql["ok_per_second"] / tps, 3)}, indent=2))
PY
