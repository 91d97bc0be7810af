#!/usr/bin/env bash
# Runs Junction's whole test suite. Beyond the .NET SDK's own restore it installs only what a suite drives:
# Debian's chromium for the Control Center's UI tests (Playwright never downloads a browser of its own).
set -euo pipefail
cd "$(dirname "$0")"

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing chromium for the UI tests..."
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet test Junction.slnx --configuration Release 2>&1 | tee "$log" || status=$?

# One plain closing line with the totals of every test project.
awk '
  /(Passed|Failed)!  *- *Failed:/ {
    for (i = 1; i <= NF; i++) {
      gsub(",", "", $(i + 1))
      if ($i == "Failed:") failed += $(i + 1)
      if ($i == "Passed:") passed += $(i + 1)
      if ($i == "Skipped:") skipped += $(i + 1)
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"

# --- benchmark smoke (bench/smoke.sh) -------------------------------------------------------------------------
# Every BenchmarkDotNet suite once (dry, in-process) and the load harness's --smoke mode, on the Release build
# dotnet test has just made; the load harness installs nginx, wrk and Node with apt-get, and Portkey with npm, when
# missing. Prints "benchmark smoke: ok (N s)" and "load smoke: ok (N s)"; a failure fails the run.
bench/smoke.sh --no-build || status=1
# --- end benchmark smoke --------------------------------------------------------------------------------------
exit "$status"
