#!/usr/bin/env bash
# Runs every benchmark once, briefly, so none can rot: each BenchmarkDotNet suite as a dry job (one invocation,
# in-process: it proves the set-up and the measured code still run and fails on an exception), then the load
# harness's smoke mode (bench/load/run.sh --smoke: every path and the stream test for about a second). The figures
# mean nothing; the exit status does. Called by test.sh after dotnet test; prints one summary line per part.
#
#   bench/smoke.sh [--no-build]    --no-build: the load harness uses the Release build test.sh has just made
set -uo pipefail
cd "$(dirname "$0")/.."

build=1
case "${1:-}" in
  --no-build) build=0 ;;
  "") ;;
  *) echo "usage: bench/smoke.sh [--no-build]" >&2; exit 2 ;;
esac

work=$(mktemp -d -t junction-smoke.XXXXXX)
trap 'rm -rf "$work"' EXIT
status=0

# part NAME LOG COMMAND...: runs COMMAND with its output in LOG; prints "NAME: ok (N s)", or the log's tail and FAILED.
part() {
  local name=$1 log=$2 started=$SECONDS rc=0
  shift 2
  "$@" >"$log" 2>&1 || rc=$?
  if ((rc == 0)); then
    printf '%s: ok (%d s)\n' "$name" $((SECONDS - started))
  else
    tail -n 60 "$log" >&2
    printf '%s: FAILED (exit %d, %d s)\n' "$name" "$rc" $((SECONDS - started))
    status=1
  fi
}

micro() {
  # Always built: dotnet test builds the test projects and what they reference, not the benchmark project, and an
  # incremental build over test.sh's fresh Release output takes seconds.
  timeout 600 dotnet build bench/Junction.Benchmarks -c Release -nologo -v quiet || return
  timeout 300 dotnet bench/Junction.Benchmarks/bin/Release/net10.0/Junction.Benchmarks.dll \
    --filter '*' --job dry --inProcess --artifacts "$work/artifacts"
}

load_args=(--smoke)
((build)) || load_args+=(--no-build)

part "benchmark smoke" "$work/micro.log" micro
part "load smoke" "$work/load.log" timeout 900 bench/load/run.sh "${load_args[@]}"
exit "$status"
