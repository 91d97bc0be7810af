-- POSTs one chat-completions body (file in JUNCTION_BENCH_BODY) with extra headers (JUNCTION_BENCH_HEADERS,
-- "Name: value" lines) and prints one machine-readable line of results when the run ends.
-- Top-level code runs once per wrk thread, so every thread sends the same request.

local body_file = assert(os.getenv("JUNCTION_BENCH_BODY"), "JUNCTION_BENCH_BODY is not set")
local file = assert(io.open(body_file, "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

for line in (os.getenv("JUNCTION_BENCH_HEADERS") or ""):gmatch("[^\n]+") do
  local name, value = line:match("^%s*([^:]+):%s*(.-)%s*$")
  if name then
    wrk.headers[name] = value
  end
end

-- Latencies are in microseconds; errors.status counts answers outside 200-399.
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"rps":%.1f,"bytes":%d,' ..
    '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6), summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
