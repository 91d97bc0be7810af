// Opens N concurrent chat-completion streams against one URL, holds them all open together, and reports the time
// to first token (the first non-empty content delta) and, when given a process id, that process's peak resident
// memory while the streams were open. Prints one line: STREAMS_RESULT {json}.
//
//   node streams.mjs --url http://127.0.0.1:8080/v1/chat/completions --n 1000 --body request.json
//                    [--header "Authorization: Bearer ..."] [--pid 1234] [--ramp-ms 1000] [--timeout-s 60]
//
// Bounded: every stream is aborted after --timeout-s, and the whole run ends by then.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    n: { type: 'string' },
    body: { type: 'string' },
    header: { type: 'string', multiple: true, default: [] },
    pid: { type: 'string' },
    'ramp-ms': { type: 'string', default: '1000' },
    'timeout-s': { type: 'string', default: '60' },
  },
});

const url = new URL(args.url);
const count = Number.parseInt(args.n, 10);
const body = readFileSync(args.body);
const rampMs = Number.parseInt(args['ramp-ms'], 10);
const timeoutMs = Number.parseInt(args['timeout-s'], 10) * 1000;
const headers = { 'content-type': 'application/json', 'content-length': body.length, accept: 'text/event-stream' };
for (const line of args.header) {
  const colon = line.indexOf(':');
  headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const firstContent = /"content":"[^"]/;
const ttftMs = [];
const failures = new Map();
let open = 0;
let peakOpen = 0;
let completed = 0;
let peakRssKb = 0;

function readRssKb(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number.parseInt(match[1], 10) : 0;
  } catch {
    return 0;
  }
}

function fail(kind) {
  failures.set(kind, (failures.get(kind) ?? 0) + 1);
}

function runStream() {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    let seenFirst = false;
    let tail = '';
    let done = false;
    const finish = (kind) => {
      if (done) return;
      done = true;
      open--;
      if (kind) fail(kind);
      else completed++;
      resolve();
    };

    const request = http.request(url, { method: 'POST', headers, agent, timeout: timeoutMs }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        finish(`status ${response.statusCode}`);
        return;
      }
      response.setEncoding('utf8');
      response.on('data', (text) => {
        // Keep a short tail so a marker split across two reads is still found.
        const window = tail + text;
        if (!seenFirst && firstContent.test(window)) {
          seenFirst = true;
          ttftMs.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        tail = window.slice(-32);
      });
      response.on('end', () => finish(tail.includes('[DONE]') ? undefined : 'no [DONE]'));
      response.on('error', () => finish('response error'));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => finish(error.message === 'timeout' ? 'timeout' : `error ${error.code ?? error.message}`));
    open++;
    peakOpen = Math.max(peakOpen, open);
    request.end(body);
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank] * 100) / 100;
}

const pid = args.pid ? Number.parseInt(args.pid, 10) : null;
const sampler = pid
  ? setInterval(() => {
      peakRssKb = Math.max(peakRssKb, readRssKb(pid));
    }, 100)
  : null;

const startedAt = Date.now();
const streams = [];
const batches = Math.max(1, Math.min(count, Math.ceil(rampMs / 20)));
const perBatch = Math.ceil(count / batches);
for (let opened = 0; opened < count; ) {
  const batch = Math.min(perBatch, count - opened);
  for (let i = 0; i < batch; i++) streams.push(runStream());
  opened += batch;
  if (opened < count) await new Promise((resolve) => setTimeout(resolve, rampMs / batches));
}

const deadline = new Promise((resolve) => setTimeout(resolve, timeoutMs + 5000).unref());
await Promise.race([Promise.all(streams), deadline]);
if (sampler) clearInterval(sampler);
if (pid) peakRssKb = Math.max(peakRssKb, readRssKb(pid));
agent.destroy();

ttftMs.sort((a, b) => a - b);
const result = {
  n: count,
  completed,
  failed: count - completed,
  failures: Object.fromEntries(failures),
  peak_open: peakOpen,
  seconds: (Date.now() - startedAt) / 1000,
  ttft_p50_ms: percentile(ttftMs, 50),
  ttft_p99_ms: percentile(ttftMs, 99),
  ttft_max_ms: percentile(ttftMs, 100),
  peak_rss_mb: pid ? Math.round(peakRssKb / 102.4) / 10 : null,
};
process.stdout.write(`STREAMS_RESULT ${JSON.stringify(result)}\n`);
process.exit(0);
