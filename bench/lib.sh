# Shared by the bench scripts: start and stop the local jar.
# start_local LOG [java-args...]: starts apps/local/target/pcqrses-local.jar with the arguments,
# output to LOG, sets PID, and returns once it prints that it is ready (exits if it dies first).
start_local() {
  local log=$1; shift
  java -jar apps/local/target/pcqrses-local.jar "$@" > "$log" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do
    if grep -q "pcqrses is ready" "$log"; then return 0; fi
    if ! kill -0 "$PID" 2>/dev/null; then cat "$log"; exit 1; fi
    sleep 0.25
  done
  echo "not ready: $log"; exit 1
}

# stop_local: SIGTERM to PID and wait for it.
stop_local() {
  kill -TERM "$PID" 2>/dev/null || true
  wait "$PID" || true
  PID=
}
