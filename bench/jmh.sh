#!/usr/bin/env bash
# JMH microbenchmarks of the hot pure-Java paths (docs/benchmarks.md): the event codec against
# Jackson, the aggregate against allocating its event directly, GraphQL execution with the document
# cache against without it. Every ratio is against a baseline measured in the same run.
# Builds nothing: run `./mvnw -B -q -DskipTests package` first (it writes the jar below).
# Usage: bench/jmh.sh [results-dir] [JMH options...]   e.g. bench/jmh.sh /tmp/jmh GraphQLBenchmark
# The whole suite takes about 5 minutes (26 runs of 3 s warm-up + 5 s measurement, one fork each).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-bench/results/jmh-$(date -u +%Y%m%dT%H%M%SZ)}
shift || true
JAR=benchmarks-jmh/target/pcqrses-benchmarks.jar
if [ ! -f "$JAR" ]; then
  echo "$JAR is missing: run ./mvnw -B -q -DskipTests package first" >&2
  exit 1
fi
mkdir -p "$OUT"
# nice: the machine is shared; JMH's own output goes to a log, the results to jmh.json.
nice java -jar "$JAR" -rf json -rff "$OUT/jmh.json" "$@" > "$OUT/jmh.log" 2>&1 || {
  tail -40 "$OUT/jmh.log" >&2
  exit 1
}
sed -n '/^Benchmark /,$p' "$OUT/jmh.log"
echo
python3 - "$OUT/jmh.json" <<'PY' | tee "$OUT/ratios.txt"
import json, sys

with open(sys.argv[1]) as f:
    results = json.load(f)
scores = {}
for r in results:
    name = r["benchmark"].rsplit(".", 2)
    key = (name[-2], name[-1], "/".join(r.get("params", {}).values()))
    m = r["primaryMetric"]
    scores[key] = (float(m["score"]), float(m["scoreError"]), m["scoreUnit"])

def ratio(label, num, den):
    if num not in scores or den not in scores:
        return
    (a, ea, unit), (b, eb, _) = scores[num], scores[den]
    r = a / b
    # first-order bound from the two 99.9 % intervals (NaN when JMH had too few samples)
    err = r * (ea / a + eb / b)
    print(f"  {label:<58} {a:>12,.1f} / {b:>12,.1f} {unit:<6} = {r:6.3f} ± {err:.3f}")

print("Ratios of time per operation (lower is cheaper), each against a baseline from this run:")
print("event codec: ours / Jackson on the same bytes")
for t in ("created", "renamed", "deleted"):
    c = "EventCodecBenchmark"
    ratio(f"encode {t} / jacksonWriteValueAsBytes", (c, "encode", t), (c, "jacksonWriteValueAsBytes", t))
    ratio(f"decode {t} / jacksonReadTree", (c, "decode", t), (c, "jacksonReadTree", t))
    ratio(f"jsonParseOnly {t} / jacksonReadTree", (c, "jsonParseOnly", t), (c, "jacksonReadTree", t))
c = "EventCodecBenchmark"
ratio("formatOccurredAt / encode created", (c, "formatOccurredAt", ""), (c, "encode", "created"))
ratio("parseOccurredAt / decode created", (c, "parseOccurredAt", ""), (c, "decode", "created"))
print("aggregate: decide + apply / allocating the event directly")
a = "AggregateBenchmark"
for cmd in ("create", "rename", "delete"):
    ratio(f"decideAndApply {cmd} / newEventDirectly", (a, "decideAndApply", cmd), (a, "newEventDirectly", cmd))
ratio("validateDecideApplyCreate / decideAndApply create", (a, "validateDecideApplyCreate", ""),
      (a, "decideAndApply", "create"))
print("GraphQL createUserAccount: with / without the document cache")
g = "GraphQLBenchmark"
ratio("executeCached / executeUncached", (g, "executeCached", ""), (g, "executeUncached", ""))
ratio("isMutation / executeUncached", (g, "isMutation", ""), (g, "executeUncached", ""))
ratio("isMutation / executeCached", (g, "isMutation", ""), (g, "executeCached", ""))
PY
echo "results: $OUT/jmh.json"
