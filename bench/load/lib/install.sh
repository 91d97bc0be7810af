# Installs what the benchmark needs when it is missing. Sourced by run.sh.

# nginx, wrk, curl and Node from Debian's packages (as root). The nginx package must not start its own
# service on port 80, so service starts are refused (policy-rc.d) for the length of the install.
ensure_packages() {
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v curl >/dev/null || missing+=(curl)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  command -v ss >/dev/null || missing+=(iproute2)
  ((${#missing[@]} == 0)) && return 0
  if ((EUID != 0)); then
    echo "run.sh: missing ${missing[*]}; run as root or install them (apt-get install ${missing[*]})" >&2
    exit 1
  fi
  log "installing ${missing[*]}"
  local policy=/usr/sbin/policy-rc.d placed=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && placed=1
  fi
  local status=0
  { timeout 600 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"; } >"$work/apt.log" 2>&1 || status=$?
  ((placed)) && rm -f "$policy"
  if ((status != 0)); then
    cat "$work/apt.log" >&2
    exit 1
  fi
}

# ensure_portkey DIR: the pinned Portkey gateway from DIR's lockfile (npm ci), unless already installed from it.
ensure_portkey() {
  local dir=$1 stamp=$1/node_modules/.lock-installed
  if [[ -f $stamp ]] && cmp -s "$dir/package-lock.json" "$stamp"; then
    return 0
  fi
  log "installing the Portkey gateway (npm ci)"
  (cd "$dir" && timeout 600 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >"$work/npm.log" 2>&1 || {
    cat "$work/npm.log" >&2
    exit 1
  }
  cp "$dir/package-lock.json" "$stamp"
}
