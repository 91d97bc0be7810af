# Starting, watching and stopping the benchmark's processes. Sourced by run.sh, which sets $work.
# Every process started here is stopped by stop_all (run.sh calls it on exit), TERM first, then KILL.

declare -gA process_pid=()

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# A port nobody listens on now, chosen by the kernel.
free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# start_process NAME COMMAND...: runs COMMAND in the background, output to $work/NAME.log.
start_process() {
  local name=$1
  shift
  "$@" >"$work/$name.log" 2>&1 &
  process_pid[$name]=$!
}

# Fails, with the process's log, when NAME has exited.
check_alive() {
  local name=$1
  if ! kill -0 "${process_pid[$name]}" 2>/dev/null; then
    echo "run.sh: $name exited; its log:" >&2
    tail -n 40 "$work/$name.log" >&2
    exit 1
  fi
}

# wait_http NAME URL: waits (at most 60 s) until URL answers 200.
wait_http() {
  local name=$1 url=$2 attempt
  for attempt in $(seq 1 300); do
    check_alive "$name"
    curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "run.sh: $name did not answer $url within 60 s" >&2
  exit 1
}

# wait_tcp NAME PORT: waits (at most 60 s) until something listens on 127.0.0.1:PORT.
wait_tcp() {
  local name=$1 port=$2 attempt
  for attempt in $(seq 1 300); do
    check_alive "$name"
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.2
  done
  echo "run.sh: $name did not listen on port $port within 60 s" >&2
  exit 1
}

# Resident memory of a process in MB (one decimal), from /proc.
rss_mb() {
  awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# Stops every process started here: TERM, up to 10 s of grace, then KILL.
stop_all() {
  local name pid attempt
  for name in "${!process_pid[@]}"; do
    kill -TERM "${process_pid[$name]}" 2>/dev/null || true
  done
  for name in "${!process_pid[@]}"; do
    pid=${process_pid[$name]}
    for attempt in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  process_pid=()
}

# CPU time, in clock ticks, a process and its children (nginx's workers) have used so far.
cpu_ticks() {
  local pid total=0 stat fields
  for pid in "$1" $(cat "/proc/$1/task/"*/children 2>/dev/null); do
    stat=$(<"/proc/$pid/stat") || continue
    # Fields after "pid (comm) ": utime and stime are the 12th and 13th.
    read -r -a fields <<<"${stat##*) }"
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}
