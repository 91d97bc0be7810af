// Turns run.sh's results (one JSON object per line) into the comparison table, checks the targets, and writes
// OUT.json and OUT.md (and the markdown again to --latest when given). Prints the markdown.
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    results: { type: 'string' },
    out: { type: 'string' },
    latest: { type: 'string', default: '' },
    meta: { type: 'string', default: '{}' },
  },
});

const meta = JSON.parse(args.meta);
const lines = readFileSync(args.results, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const paths = ['direct', 'nginx', 'floor', 'junction', 'portkey'];
const labels = { direct: 'direct (canned nginx)', nginx: 'nginx proxy_pass', floor: 'ASP.NET Core floor', junction: 'Junction', portkey: 'Portkey 1.15.2' };
const modes = ['json', 'stream'];

const run = (path, mode, kind) => lines.find((l) => l.path === path && l.mode === mode && l.kind === kind)?.result;

function version(command) {
  try {
    return execSync(command, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n')[0];
  } catch (error) {
    return (error.stderr ?? '').toString().trim().split('\n')[0] || 'unknown';
  }
}

const machine = {
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memory_gib: Math.round(os.totalmem() / 2 ** 30),
  kernel: `${os.type()} ${os.release()}`,
  dotnet: version('dotnet --version'),
  nginx: version('nginx -v 2>&1'),
  wrk: version('wrk -v 2>&1 | head -n 1'),
  node: process.version,
};

const us = (value) => (value == null ? '–' : value >= 10_000 ? `${(value / 1000).toFixed(1)} ms` : `${Math.round(value)} µs`);
const signedUs = (value) => (value == null ? '–' : `${value < 0 ? '−' : '+'}${us(Math.abs(value))}`);
const rps = (value) => (value == null ? '–' : Math.round(value).toLocaleString('en-US'));
const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);
const times = (value) => (value == null ? '–' : `${value.toFixed(2)}×`);
const ms = (value) => (value == null ? '–' : `${value.toFixed(1)} ms`);

// ----- wrk table
const rows = [];
for (const mode of modes) {
  for (const path of paths) {
    const throughputLine = lines.find((l) => l.path === path && l.mode === mode && l.kind === 'throughput');
    const throughput = throughputLine?.result;
    const latency = run(path, mode, 'latency');
    if (!throughput && !latency) continue;
    const nginx = run('nginx', mode, 'throughput');
    const direct = run('direct', mode, 'throughput');
    const directLatency = run('direct', mode, 'latency');
    rows.push({
      path,
      mode,
      rps: throughput?.rps ?? null,
      cpu_us_per_request: throughput && throughput.requests > 0 && throughputLine.cpu_seconds != null
        ? (throughputLine.cpu_seconds * 1e6) / throughput.requests
        : null,
      p50_us: throughput?.p50_us ?? null,
      p99_us: throughput?.p99_us ?? null,
      errors: throughput ? Object.values(throughput.errors).reduce((a, b) => a + b, 0) : null,
      rps_1: latency?.rps ?? null,
      p50_1_us: latency?.p50_us ?? null,
      p99_1_us: latency?.p99_us ?? null,
      vs_nginx: ratio(throughput?.rps, nginx?.rps),
      vs_direct: ratio(throughput?.rps, direct?.rps),
      added_p50_us: latency && directLatency ? latency.p50_us - directLatency.p50_us : null,
      added_p99_us: latency && directLatency ? latency.p99_us - directLatency.p99_us : null,
    });
  }
}

const connections = meta.connections ?? '?';
const md = [];
md.push(`# Load comparison${meta.smoke ? ' (smoke run: too short to quote)' : ''}`, '');
md.push(`Run ${meta.started_at ?? ''}: \`${meta.command ?? 'bench/load/run.sh'}\`; wrk ${meta.duration} per run${meta.warmup === 'none' ? ' with no warm-up' : ` after a ${meta.warmup} warm-up`};`);
md.push(`throughput at ${connections} connections (${meta.threads} threads), latency at 1 connection.`);
md.push(`Machine: ${machine.cpus} × ${machine.cpu}, ${machine.memory_gib} GiB, ${machine.kernel}; .NET SDK ${machine.dotnet}, ${machine.nginx}, ${machine.wrk}, Node ${machine.node}.`, '');
if (rows.length > 0) {
  md.push(`| path | mode | RPS @${connections} | p50 @${connections} | p99 @${connections} | p50 @1 | p99 @1 | RPS ÷ nginx | RPS ÷ direct | added p50 @1 | added p99 @1 | CPU per request |`);
  md.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    const errors = row.errors ? ` (${row.errors} errors)` : '';
    md.push(`| ${labels[row.path]} | ${row.mode} | ${rps(row.rps)}${errors} | ${us(row.p50_us)} | ${us(row.p99_us)} | ${us(row.p50_1_us)} | ${us(row.p99_1_us)} | ${times(row.vs_nginx)} | ${times(row.vs_direct)} | ${row.path === 'direct' ? '–' : signedUs(row.added_p50_us)} | ${row.path === 'direct' ? '–' : signedUs(row.added_p99_us)} | ${us(row.cpu_us_per_request)} |`);
  }
  md.push('', 'Streamed rows time the whole SSE body (24 content deltas), not the first token. CPU per request: the path\'s own', 'process (user + system time over the throughput run, nginx workers included; the upstream\'s not counted for proxies).', '');
}

// ----- streaming scale
const streamRuns = lines.filter((l) => l.kind === 'streams');
const idle = lines.find((l) => l.kind === 'idle_rss')?.rss_mb ?? null;
const after = lines.find((l) => l.kind === 'after_rss')?.rss_mb ?? null;
const streamRows = [];
for (const n of [...new Set(streamRuns.map((l) => l.result.n))]) {
  const direct = streamRuns.find((l) => l.path === 'direct' && l.result.n === n)?.result;
  const junction = streamRuns.find((l) => l.path === 'junction' && l.result.n === n)?.result;
  streamRows.push({
    n,
    direct,
    junction,
    added_p50_ms: direct && junction && junction.ttft_p50_ms != null ? junction.ttft_p50_ms - direct.ttft_p50_ms : null,
    added_p99_ms: direct && junction && junction.ttft_p99_ms != null ? junction.ttft_p99_ms - direct.ttft_p99_ms : null,
  });
}
if (streamRows.length > 0) {
  md.push(`## Streaming scale (${meta.stream_seconds} s streams from the simulator, 2 tokens/s)`, '');
  md.push('| streams | completed direct / Junction | peak open | TTFT p50 direct | TTFT p50 Junction | TTFT p99 direct | TTFT p99 Junction | added TTFT p50 / p99 | Junction peak RSS |');
  md.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of streamRows) {
    const d = row.direct ?? {};
    const j = row.junction ?? {};
    md.push(`| ${row.n.toLocaleString('en-US')} | ${d.completed ?? '–'} / ${j.completed ?? '–'} | ${j.peak_open ?? '–'} | ${ms(d.ttft_p50_ms)} | ${ms(j.ttft_p50_ms)} | ${ms(d.ttft_p99_ms)} | ${ms(j.ttft_p99_ms)} | ${ms(row.added_p50_ms)} / ${ms(row.added_p99_ms)} | ${j.peak_rss_mb != null ? `${j.peak_rss_mb} MB` : '–'} |`);
  }
  md.push('', `Junction RSS idle (after start and one request): ${idle ?? '–'} MB; after the scale runs: ${after ?? '–'} MB.`, '');
}

// ----- targets
const checks = [];
const row = (path, mode) => rows.find((r) => r.path === path && r.mode === mode);
for (const mode of modes) {
  const junction = row('junction', mode);
  const nginx = row('nginx', mode);
  const portkey = row('portkey', mode);
  if (junction && nginx) checks.push([`${mode}: Junction RPS ≥ 0.5 × nginx`, `${times(junction.vs_nginx)}`, junction.vs_nginx >= 0.5]);
  if (junction && portkey) {
    const r = ratio(junction.rps, portkey.rps);
    checks.push([`${mode}: Junction RPS ≥ 10 × Portkey`, times(r), r >= 10]);
  }
  if (junction && junction.added_p50_us != null) {
    checks.push([`${mode}: added p50 @1 ≤ 150 µs`, signedUs(junction.added_p50_us), junction.added_p50_us <= 150]);
    checks.push([`${mode}: added p99 @1 ≤ 1 ms`, signedUs(junction.added_p99_us), junction.added_p99_us <= 1000]);
  }
}
const largest = streamRows.filter((r) => r.junction).at(-1);
if (largest) {
  const j = largest.junction;
  checks.push([`${largest.n} streams open together, all complete, RSS ≤ 1 GB`, `${j.peak_open} open, ${j.completed} complete, ${j.peak_rss_mb} MB`, j.completed === largest.n && j.peak_open === largest.n && j.peak_rss_mb <= 1024]);
}
if (idle != null) checks.push(['idle RSS ≤ 150 MB', `${idle} MB`, idle <= 150]);
if (checks.length > 0) {
  md.push('## Targets', '', '| target | measured | |', '| --- | ---: | --- |');
  for (const [name, value, ok] of checks) md.push(`| ${name} | ${value} | ${ok ? 'met' : '**missed**'} |`);
  md.push('');
}

// ----- the platform's share: how far the bare ASP.NET Core proxy gets, and what Junction's own work adds to it
const platform = modes.map((mode) => [mode, row('floor', mode), row('junction', mode)]).filter(([, floor]) => floor);
if (platform.length > 0) {
  md.push('## The platform and the gateway', '', '| mode | floor RPS ÷ nginx | Junction RPS ÷ floor | CPU per request: floor / Junction / gateway\'s own | added p99 @1: floor / Junction |', '| --- | ---: | ---: | ---: | ---: |');
  for (const [mode, floor, junction] of platform) {
    const own = junction && floor.cpu_us_per_request != null && junction.cpu_us_per_request != null ? junction.cpu_us_per_request - floor.cpu_us_per_request : null;
    md.push(`| ${mode} | ${times(floor.vs_nginx)} | ${times(ratio(junction?.rps, floor.rps))} | ${us(floor.cpu_us_per_request)} / ${us(junction?.cpu_us_per_request)} / ${us(own)} | ${signedUs(floor.added_p99_us)} / ${signedUs(junction?.added_p99_us)} |`);
  }
  md.push('');
}

const text = md.join('\n');
writeFileSync(`${args.out}.md`, text);
writeFileSync(`${args.out}.json`, JSON.stringify({ meta, machine, rows, streams: streamRows, idle_rss_mb: idle, after_rss_mb: after, raw: lines }, null, 2));
if (args.latest) writeFileSync(args.latest, text);
process.stdout.write(`${text}\n`);
process.stdout.write(`results: ${args.out}.md, ${args.out}.json\n`);
