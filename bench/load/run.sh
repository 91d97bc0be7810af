#!/usr/bin/env bash
# Junction's load comparison, one command, one machine, one run.
#
# Starts a fast upstream (nginx serving canned OpenAI answers) and measures the same chat-completions request with
# wrk five ways: direct to the upstream, through a plain nginx proxy_pass, through the ASP.NET Core floor (a bare
# Kestrel + HttpClient proxy: what the platform alone costs), through Junction (auth, tenant policy, budget hold,
# rate limits, routing, upstream call, trace, request log), and through the Portkey gateway. Non-streamed and
# streamed; throughput at a fixed
# number of connections and latency at one connection. Then the streaming scale test: N concurrent long-lived
# streams through Junction to the simulator (which paces tokens), with Junction's resident memory and the time to
# first token it adds. Prints one table and writes results/<time>.{json,md} (a full run also results/latest.md; a
# smoke run neither, unless --keep).
#
# Every process listens on 127.0.0.1 on a free port and is stopped when the script exits, whatever the outcome.
# See docs/benchmarks.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=lib/processes.sh
source "$here/lib/processes.sh"
# shellcheck source=lib/install.sh
source "$here/lib/install.sh"

usage() {
  cat <<'EOF'
Usage: bench/load/run.sh [options]
  --smoke               every step for a second or so (wrk 1s, 50 streams); fails if any path answers wrongly
  --duration D          length of each measured wrk run (default 10s)
  --warmup D            length of the unmeasured wrk run before each path (default 15s: a .NET process on two busy
                        cores needs about that long for tiered compilation to reach its optimized code)
  --connections N       connections of the throughput runs (default 64)
  --threads N           wrk threads of the throughput runs (default 2)
  --only LIST           paths to measure, from direct,nginx,floor,junction,portkey (default all); "none" skips wrk
  --streams LIST        stream counts of the scale test (default 100,1000,5000); "none" skips it
  --stream-seconds S    how long each stream stays open in the scale test (default 20)
  --keep                keep every process's log under results/ (always kept when something failed)
  --no-build            use the Release build already in src/*/bin (test.sh has just built it) instead of building
EOF
}

command_line="bench/load/run.sh${*:+ $*}"
smoke=0
duration=10s
warmup=15s
connections=64
threads=2
only=direct,nginx,floor,junction,portkey
stream_counts=100,1000,5000
stream_seconds=20
keep=0
build=1
while (($# > 0)); do
  case "$1" in
    --smoke) smoke=1 ;;
    --duration) duration=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --connections) connections=$2; shift ;;
    --threads) threads=$2; shift ;;
    --only) only=$2; shift ;;
    --streams) stream_counts=$2; shift ;;
    --stream-seconds) stream_seconds=$2; shift ;;
    --keep) keep=1 ;;
    --no-build) build=0 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
if ((smoke)); then
  duration=1s
  warmup=none
  [[ $stream_counts == 100,1000,5000 ]] && stream_counts=50
  stream_seconds=1
fi
[[ $stream_counts == none ]] && stream_counts=""
[[ $only == none ]] && only=""

selected() { [[ ",$only," == *",$1,"* ]]; }
for path in ${only//,/ }; do
  case "$path" in direct | nginx | floor | junction | portkey) ;; *) echo "run.sh: unknown path '$path'" >&2; exit 2 ;; esac
done

work=$(mktemp -d -t junction-load.XXXXXX)
mkdir -p "$work/tmp" "$here/results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
finish() {
  stop_all
  if ((keep)) || ((${#failures[@]} > 0)); then
    mkdir -p "$here/results/$stamp.logs"
    cp "$work"/*.log "$work"/*.conf "$work"/*.json "$here/results/$stamp.logs/" 2>/dev/null || true
    echo "run.sh: logs in bench/load/results/$stamp.logs" >&2
  fi
  rm -rf "$work"
}
failures=()
trap finish EXIT
# The process whose CPU time each path's runs are charged (the proxy's own, not the upstream's).
declare -A path_process=([direct]=upstream [nginx]=nginx-proxy [floor]=floor [junction]=junction [portkey]=portkey)
clock_ticks=$(getconf CLK_TCK)
trap 'exit 130' INT TERM

# Streams need a descriptor per connection on both sides of every process: take the whole hard limit.
ulimit -n "$(ulimit -Hn)"

started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# ---------------------------------------------------------------------------------------------------------------
# Install and build what is missing.
ensure_packages
needs_dotnet=0
{ selected junction || [[ -n $stream_counts ]]; } && needs_dotnet=1
selected portkey && ensure_portkey "$here/portkey"
junction_bin=$root/src/Junction.Server/bin/Release/net10.0/junction
simulator_bin=$root/src/Junction.Simulator/bin/Release/net10.0/Junction.Simulator
floor_bin=$here/floor/bin/Release/net10.0/junction-load-floor
if ((needs_dotnet && build)); then
  log "building Junction and the simulator (Release)"
  timeout 600 dotnet build "$root/src/Junction.Server/Junction.Server.csproj" -c Release -nologo -v quiet \
    -p:TreatWarningsAsErrors=true >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
elif ((needs_dotnet)); then
  for bin in "$junction_bin" "$simulator_bin"; do
    [[ -x $bin ]] || { echo "run.sh: --no-build, but $bin is missing: build the solution in Release first" >&2; exit 1; }
  done
fi
# The floor is part of the harness, like Portkey: built when missing (dotnet test does not build it), and with Junction.
if selected floor && { ((build)) || [[ ! -x $floor_bin ]]; }; then
  log "building the ASP.NET Core floor (Release)"
  timeout 600 dotnet build "$here/floor/Junction.LoadFloor.csproj" -c Release -nologo -v quiet \
    -p:TreatWarningsAsErrors=true >"$work/build-floor.log" 2>&1 || { cat "$work/build-floor.log" >&2; exit 1; }
fi

# ---------------------------------------------------------------------------------------------------------------
# The request every path receives, and the tenant key Junction checks.
request_json=$here/requests/chat.json
request_stream=$here/requests/chat-stream.json
api_key="jk_bench_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
results=$work/results.jsonl
: >"$results"

# render TEMPLATE OUT NAME=VALUE...: replaces every @NAME@ in TEMPLATE.
render() {
  local template=$1 out=$2 text pair
  text=$(<"$template")
  shift 2
  for pair in "$@"; do
    text=${text//"@${pair%%=*}@"/"${pair#*=}"}
  done
  printf '%s\n' "$text" >"$out"
}

start_upstream() {
  upstream_port=$(free_port)
  # Cut the SSE body at event boundaries into parts nginx accepts as one parameter each.
  local text parts=() part="" event maps="" refs="" i
  text=$(<"$here/upstream/chat.sse")$'\n\n'
  while [[ -n $text ]]; do
    event=${text%%$'\n\n'*}$'\n\n'
    text=${text#*$'\n\n'}
    if ((${#part} + ${#event} > 3000)); then
      parts+=("$part")
      part=""
    fi
    part+=$event
  done
  parts+=("$part")
  for i in "${!parts[@]}"; do
    maps+="    map \"\" \$canned_sse_$i { default '${parts[i]}'; }"$'\n'
    refs+="\$canned_sse_$i"
  done
  render "$here/nginx/upstream.conf.template" "$work/upstream.conf" \
    "WORKERS=auto" "DIR=$work" "PORT=$upstream_port" \
    "CHAT_JSON=$(<"$here/upstream/chat.json")" "CHAT_SSE_MAPS=$maps" "CHAT_SSE_PARTS=$refs"
  start_process upstream nginx -p "$work" -c "$work/upstream.conf" -g 'daemon off;'
  wait_http upstream "http://127.0.0.1:$upstream_port/healthz"
}

start_nginx_proxy() {
  proxy_port=$(free_port)
  render "$here/nginx/proxy.conf.template" "$work/proxy.conf" \
    "WORKERS=auto" "DIR=$work" "PORT=$proxy_port" "UPSTREAM_PORT=$upstream_port"
  start_process nginx-proxy nginx -p "$work" -c "$work/proxy.conf" -g 'daemon off;'
  wait_http nginx-proxy "http://127.0.0.1:$proxy_port/healthz"
}

start_floor() {
  floor_port=$(free_port)
  start_process floor "$floor_bin" "http://127.0.0.1:$floor_port" "http://127.0.0.1:$upstream_port"
  wait_http floor "http://127.0.0.1:$floor_port/healthz"
}

start_portkey() {
  portkey_port=$(free_port)
  start_process portkey env NODE_ENV=production node --import "file://$here/portkey/loopback.mjs" \
    "$here/portkey/node_modules/@portkey-ai/gateway/build/start-server.js" "--port=$portkey_port" --headless
  wait_tcp portkey "$portkey_port"
  log "listening sockets of Portkey (pid ${process_pid[portkey]}): must be 127.0.0.1 only"
  local sockets
  sockets=$(ss -ltnpH | grep "pid=${process_pid[portkey]}," || true)
  printf '%s\n' "$sockets" >&2
  if [[ -z $sockets ]] || grep -qv "127.0.0.1:" <<<"$sockets"; then
    echo "run.sh: Portkey is not listening on loopback only" >&2
    exit 1
  fi
}

# start_junction NAME BASE_URL: Junction with one tenant (a key, a stored policy, a budget and rate limits set far
# above what a run spends, so every request holds, settles and counts) and openai at BASE_URL.
start_junction() {
  local name=$1 base_url=$2 hash port
  hash=$("$junction_bin" hash-key "$api_key")
  port=$(free_port)
  cat >"$work/$name.json" <<EOF
{
  "Junction": {
    "Simulator": { "Enabled": false },
    "Providers": { "openai": { "BaseUrl": "$base_url", "ApiKey": "sk-load-bench" } },
    "Tenants": [
      {
        "Id": "bench",
        "Name": "Load benchmark",
        "Policy": { "v": "junction-pol/v1", "filter": ["in", "provider", ["openai"]], "max_cost": 0.05 },
        "DailyBudget": 1000000, "Rpm": 100000000, "Tpm": 1000000000,
        "Keys": [ { "Id": "bench-key", "Hash": "$hash" } ]
      }
    ]
  }
}
EOF
  # A fresh store per start: a run measures an empty request log, never the gigabytes earlier runs left behind.
  start_process "$name" "$junction_bin" serve --host 127.0.0.1 --port "$port" --config "$work/$name.json" \
    --data-dir "$work/$name-data"
  wait_http "$name" "http://127.0.0.1:$port/healthz"
  junction_port=$port
}

# ---------------------------------------------------------------------------------------------------------------
# Measuring one path.

# check_answer PATH MODE URL HEADERS: one request with curl; the answer must be a complete chat completion.
check_answer() {
  local path=$1 mode=$2 url=$3 headers=$4 body=$request_json args=() line status
  [[ $mode == stream ]] && body=$request_stream
  while IFS= read -r line; do [[ -n $line ]] && args+=(-H "$line"); done <<<"$headers"
  status=$(curl -sS -o "$work/answer.body" -D "$work/answer.head" -w '%{http_code}' --max-time 30 \
    -H 'Content-Type: application/json' "${args[@]}" --data-binary "@$body" "$url") || status=000
  local problem=""
  if [[ $status != 200 ]]; then
    problem="status $status"
  elif [[ $mode == stream ]] && ! grep -q '^data: \[DONE\]' "$work/answer.body"; then
    problem="stream without data: [DONE]"
  elif [[ $mode == stream ]] && ! grep -q '"object":"chat.completion.chunk"' "$work/answer.body"; then
    problem="stream without chat.completion.chunk events"
  elif [[ $mode == json ]] && ! grep -q '"object":"chat.completion"' "$work/answer.body"; then
    problem="body is not a chat.completion"
  elif [[ $path == junction ]] && ! grep -qi '^x-junction-model: gpt-4.1-mini' "$work/answer.head"; then
    problem="no x-junction-model: gpt-4.1-mini header"
  fi
  if [[ -n $problem ]]; then
    echo "run.sh: $path ($mode) answered wrongly: $problem" >&2
    head -c 600 "$work/answer.head" "$work/answer.body" >&2 || true
    echo >&2
    failures+=("$path/$mode: $problem")
    return 1
  fi
}

# wrk_run PATH MODE KIND URL HEADERS THREADS CONNECTIONS DURATION: one wrk run; appends its result to results.jsonl.
wrk_run() {
  local path=$1 mode=$2 kind=$3 url=$4 headers=$5 t=$6 c=$7 d=$8 body=$request_json seconds output line
  [[ $mode == stream ]] && body=$request_stream
  seconds=${d%s}
  local process=${path_process[$path]} ticks_before ticks_after
  ticks_before=$(cpu_ticks "${process_pid[$process]}")
  output=$(JUNCTION_BENCH_BODY=$body JUNCTION_BENCH_HEADERS=$headers \
    timeout $((seconds + 30)) wrk -t"$t" -c"$c" -d"$d" --timeout 10s --latency -s "$here/wrk/chat.lua" "$url" 2>&1) || {
    echo "run.sh: wrk failed for $path ($mode, $kind):" >&2
    printf '%s\n' "$output" >&2
    failures+=("$path/$mode/$kind: wrk failed")
    return 1
  }
  ticks_after=$(cpu_ticks "${process_pid[$process]}")
  line=$(grep '^BENCH_RESULT ' <<<"$output" | head -n 1)
  line=${line#BENCH_RESULT }
  [[ -n $line ]] || { failures+=("$path/$mode/$kind: no result"); return 1; }
  [[ $kind == warmup ]] && return 0
  # A path that answered nothing, or answered with errors, is a failure (timeouts under load are only counted).
  grep -q '"requests":0,' <<<"$line" && failures+=("$path/$mode/$kind: no request completed in $d")
  grep -q '"status":0,' <<<"$line" || failures+=("$path/$mode/$kind: answers outside 2xx-3xx")
  printf '{"path":"%s","mode":"%s","kind":"%s","threads":%d,"connections":%d,"cpu_seconds":%s,"result":%s}\n' \
    "$path" "$mode" "$kind" "$t" "$c" "$(awk -v t=$((ticks_after - ticks_before)) -v hz="$clock_ticks" 'BEGIN { printf "%.2f", t / hz }')" \
    "$line" >>"$results"
  log "  $path $mode $kind: $(grep -o '"rps":[0-9.]*,' <<<"$line" | tr -d ',') $(grep -o '"p50_us":[0-9]*' <<<"$line") $(grep -o '"p99_us":[0-9]*' <<<"$line") $(grep -o '"status":[0-9]*' <<<"$line")"
}

measure() {
  local path=$1 mode=$2 url=$3 headers=${4:-}
  log "$path ($mode): $url"
  check_answer "$path" "$mode" "$url" "$headers" || return 0
  if [[ $warmup != none ]]; then
    wrk_run "$path" "$mode" warmup "$url" "$headers" "$threads" "$connections" "$warmup" || return 0
  fi
  wrk_run "$path" "$mode" throughput "$url" "$headers" "$threads" "$connections" "$duration" || return 0
  # A gateway may still be working off requests wrk gave up on; one full answer means it is idle again.
  check_answer "$path" "$mode" "$url" "$headers" || return 0
  wrk_run "$path" "$mode" latency "$url" "$headers" 1 1 "$duration" || return 0
}

# ---------------------------------------------------------------------------------------------------------------
# Part 1: wrk, five paths, two modes.
[[ -n $only ]] && start_upstream
selected nginx && start_nginx_proxy
selected floor && start_floor
selected portkey && start_portkey
selected junction && start_junction junction "http://127.0.0.1:$upstream_port/v1"

for mode in json stream; do
  sse=""
  [[ $mode == stream ]] && sse=/sse
  selected direct && measure direct "$mode" "http://127.0.0.1:$upstream_port$sse/v1/chat/completions"
  selected nginx && measure nginx "$mode" "http://127.0.0.1:$proxy_port$sse/v1/chat/completions"
  selected floor && measure floor "$mode" "http://127.0.0.1:$floor_port$sse/v1/chat/completions"
  selected junction && measure junction "$mode" "http://127.0.0.1:$junction_port/v1/chat/completions" \
    "Authorization: Bearer $api_key"
  selected portkey && measure portkey "$mode" "http://127.0.0.1:$portkey_port/v1/chat/completions" \
    "x-portkey-provider: openai"$'\n'"x-portkey-custom-host: http://127.0.0.1:$upstream_port$sse/v1"$'\n'"Authorization: Bearer sk-load-bench"
done

junction_rss_after_wrk=""
if selected junction; then
  junction_rss_after_wrk=$(rss_mb "${process_pid[junction]}")
fi
stop_all

# ---------------------------------------------------------------------------------------------------------------
# Part 2: streaming scale through Junction to the simulator, paced so every stream stays open together.
if [[ -n $stream_counts ]]; then
  stream_tokens=$((stream_seconds * 2))
  sim_port=$(free_port)
  start_process simulator env Simulator__Default__TtftMs=0 Simulator__Default__LatencyMs=0 \
    Simulator__Default__TokensPerSecond=2 "Simulator__Default__OutputTokens=$stream_tokens" \
    "$simulator_bin" --host 127.0.0.1 --port "$sim_port"
  wait_http simulator "http://127.0.0.1:$sim_port/healthz"
  start_junction junction-streams "http://127.0.0.1:$sim_port/v1"
  junction_pid=${process_pid[junction-streams]}
  # One quick non-streamed answer (the simulator paces only streams) proves the path before measuring.
  check_answer junction json "http://127.0.0.1:$junction_port/v1/chat/completions" "Authorization: Bearer $api_key" || true
  sleep 2
  idle_rss=$(rss_mb "$junction_pid")
  log "Junction idle RSS after start and one request: $idle_rss MB"
  printf '{"kind":"idle_rss","rss_mb":%s}\n' "$idle_rss" >>"$results"

  # Streams open over n/2 ms (2.5 s for 5,000), well inside their length, so all N are open together.
  for n in ${stream_counts//,/ }; do
    ramp_ms=$((n < 400 ? 200 : n / 2))
    for target in direct junction; do
      url=http://127.0.0.1:$sim_port/v1/chat/completions
      extra=()
      if [[ $target == junction ]]; then
        url=http://127.0.0.1:$junction_port/v1/chat/completions
        extra=(--header "Authorization: Bearer $api_key" --pid "$junction_pid")
      fi
      log "streams: $n through $target (${stream_seconds}s each, ramp ${ramp_ms}ms)"
      line=$(timeout $((stream_seconds + ramp_ms / 1000 + 90)) node "$here/tools/streams.mjs" --url "$url" --n "$n" \
        --body "$request_stream" --ramp-ms "$ramp_ms" --timeout-s $((stream_seconds + ramp_ms / 1000 + 60)) \
        "${extra[@]}" | grep '^STREAMS_RESULT ') || { failures+=("streams/$target/$n: client failed"); continue; }
      line=${line#STREAMS_RESULT }
      log "  $line"
      printf '{"kind":"streams","path":"%s","result":%s}\n' "$target" "$line" >>"$results"
      grep -q '"failed":0,' <<<"$line" || failures+=("streams/$target/$n: some streams failed")
      grep -q "\"peak_open\":$n," <<<"$line" || failures+=("streams/$target/$n: the streams were not all open together")
    done
  done
  sleep 3
  after_rss=$(rss_mb "$junction_pid")
  printf '{"kind":"after_rss","rss_mb":%s}\n' "$after_rss" >>"$results"
  stop_all
fi

# ---------------------------------------------------------------------------------------------------------------
# Report.
# A smoke run's figures are too short to keep: its report goes to the work directory unless --keep.
report_out=$here/results/$stamp
((smoke && !keep)) && report_out=$work/report
# Only a run of every path and the scale test replaces results/latest.md, the figures the docs quote.
latest=""
((!smoke)) && [[ $only == direct,nginx,floor,junction,portkey && -n $stream_counts ]] && latest=$here/results/latest.md
node "$here/tools/report.mjs" --results "$results" --out "$report_out" \
  --latest "$latest" \
  --meta "$(printf '{"started_at":"%s","smoke":%s,"duration":"%s","warmup":"%s","connections":%s,"threads":%s,"stream_seconds":%s,"junction_rss_after_wrk_mb":%s,"command":"%s"}' \
    "$started_at" "$( ((smoke)) && echo true || echo false)" "$duration" "$warmup" "$connections" "$threads" \
    "$stream_seconds" "${junction_rss_after_wrk:-null}" "$command_line")"

if ((${#failures[@]} > 0)); then
  echo "run.sh: ${#failures[@]} failure(s):" >&2
  printf '  %s\n' "${failures[@]}" >&2
  exit 1
fi
