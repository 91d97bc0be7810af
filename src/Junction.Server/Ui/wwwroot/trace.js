// The trace view (POLICY.md §4): why a request went to the model it went to.
// Used by the request page (a recorded trace) and the playground (a dry run from /x/rank).
import { h, svg, money, ms } from './dom.js';

/**
 * Renders a trace. `options.strategy` names the strategy the caller asked for (a trace does not record it);
 * `options.actualCost` overrides `trace.cost.actual` (the request log settles cost after the trace is stored).
 */
export function renderTrace(trace, options = {}) {
  if (!trace) {
    return h('p', { class: 'muted', 'data-testid': 'trace-missing' }, 'No trace was recorded for this request.');
  }

  return h('section', { class: 'trace', 'data-testid': 'trace', 'aria-label': 'Routing trace' },
    summary(trace, options),
    funnel(trace),
    rankedTable(trace),
    rejectedGroups(trace),
    attemptsTable(trace));
}

/** A rule's canonical clause JSON (a string) written for people: `bench_intelligence ≥ 0.5`. */
export function describeRule(rule) {
  let clause;
  try {
    clause = typeof rule === 'string' ? JSON.parse(rule) : rule;
  } catch {
    return String(rule);
  }

  return describeClause(clause);
}

const comparisons = { lt: '<', le: '≤', gt: '>', ge: '≥', eq: '=', ne: '≠' };

function describeClause(clause) {
  if (!Array.isArray(clause) || clause.length === 0) {
    return JSON.stringify(clause);
  }

  const [op, ...args] = clause;
  switch (op) {
    case 'true': return 'always';
    case 'false': return 'never (admits no model)';
    case 'fits': return 'fits the request (context window and max output)';
    case 'has': return `has ${args[0]}`;
    case 'eq': return `${args[0]} = ${value(args[1])}`;
    case 'ne': return `${args[0]} ≠ ${value(args[1])}`;
    case 'in': return `${args[0]} in ${value(args[1])}`;
    case 'nin': return `${args[0]} not in ${value(args[1])}`;
    case 'cmp': return `${args[0]} ${comparisons[args[1]] ?? args[1]} ${value(args[2])}`;
    case 'not': return `not (${describeClause(args[0])})`;
    case 'and': return args.map(describeClause).join(' and ');
    case 'or': return args.map(describeClause).join(' or ');
    case 'pin': return `is ${args[0]} (forced)`;
    default: return JSON.stringify(clause);
  }
}

function value(v) {
  if (Array.isArray(v)) {
    return `[${v.map(value).join(', ')}]`;
  }

  return v === null || v === undefined ? 'null' : String(v);
}

function summary(trace, options) {
  const chosen = trace.chosen;
  const policy = trace.policy ?? {};
  const cost = trace.cost ?? {};
  const actual = options.actualCost ?? cost.actual;
  const request = trace.request ?? {};
  const items = [
    ['Chosen model', chosen
      ? h('span', { 'data-testid': 'trace-chosen' },
          h('strong', {}, chosen.model), ` · ${chosen.provider}`, chosen.arm ? ` · split arm ${chosen.arm}` : '')
      : h('span', { class: 'badge badge-bad', 'data-testid': 'trace-chosen' }, 'none: no model survived')],
    ['Policy', h('code', { 'data-testid': 'trace-fingerprint' }, policy.fingerprint ?? '—')],
  ];
  if (options.strategy) {
    items.push(['Strategy', h('span', { 'data-testid': 'trace-strategy' }, options.strategy)]);
  }

  items.push(
    ['Layers', layerList(policy.layers ?? [])],
    ['Estimated cost', h('span', { 'data-testid': 'trace-est-cost' }, money(cost.estimated))],
    ['Actual cost', h('span', { 'data-testid': 'trace-actual-cost' }, trace.attempts?.length ? money(actual) : '— (no provider called)')],
    ['Request', `~${request.est_prompt_tokens ?? '?'} prompt tokens` +
      (request.max_tokens ? `, max ${request.max_tokens} out` : '') +
      (request.needs?.length ? `, needs ${request.needs.join(', ')}` : '')],
    ['Catalog', trace.catalog ? `${trace.catalog.version} (${trace.catalog.models} models)` : '—'],
    ['Timings', `routing ${formatMicros(trace.timings?.route_us)}` +
      (trace.timings?.total_ms != null ? `, total ${ms(trace.timings.total_ms)}` : '')],
    ['Trace id', h('code', {}, trace.trace_id ?? '—')]);

  return h('div', { class: 'panel trace-summary' },
    h('h2', {}, 'Decision'),
    h('dl', { class: 'facts wide', 'data-testid': 'trace-summary' },
      ...items.flatMap(([term, detail]) => [h('dt', {}, term), h('dd', {}, detail)])));
}

function layerList(layers) {
  if (layers.length === 0) {
    return 'none (defaults)';
  }

  return h('ol', { class: 'layers', 'data-testid': 'trace-layers' },
    ...layers.map((layer) => h('li', {}, h('span', { class: 'layer' }, layer.source), ' ', h('code', { class: 'muted' }, layer.fingerprint))));
}

function formatMicros(us) {
  if (us === null || us === undefined) {
    return '—';
  }

  return us >= 1000 ? `${(us / 1000).toFixed(1)} ms` : `${Math.round(us)} µs`;
}

// One bar from catalog to choice: how many models each stage left.
function funnel(trace) {
  const total = trace.catalog?.models ?? (trace.rejected.length + trace.ranked.length);
  const stages = [
    ['in catalog', total],
    ['rejected', trace.rejected.length],
    ['ranked', trace.ranked.length],
    ['attempted', trace.attempts?.length ?? 0],
  ];
  return h('ul', { class: 'funnel', 'aria-label': 'Models at each stage' },
    ...stages.map(([label, count]) => h('li', {}, h('strong', {}, String(count)), ` ${label}`)));
}

function rankedTable(trace) {
  const ranked = trace.ranked ?? [];
  const heading = h('h2', {}, `Ranked survivors (${ranked.length})`);
  if (ranked.length === 0) {
    return h('div', {}, heading, h('p', { class: 'muted', 'data-testid': 'ranked-empty' }, 'No model survived the policy; see the rejections below.'));
  }

  const scores = ranked.map((c) => c.score);
  const max = Math.max(...scores);
  const min = Math.min(...scores);
  const chosen = trace.chosen?.model;
  const rows = ranked.map((c, i) => {
    const isChosen = c.model === chosen && c.provider === trace.chosen?.provider;
    const share = max === min ? 1 : (c.score - min) / (max - min);
    return h('tr', { class: isChosen ? 'chosen' : '', 'data-testid': 'ranked-row', 'data-model': c.model },
      h('td', { class: 'num' }, String(i + 1)),
      h('td', {}, h('span', { class: 'model' }, c.model), isChosen ? h('span', { class: 'badge badge-badge-ok' }, 'chosen') : ''),
      h('td', {}, c.provider),
      h('td', {}, h('div', { class: 'score' }, scoreBar(share), h('span', { class: 'num' }, score(c.score)))),
      h('td', { class: 'num' }, money(c.est_cost)),
      h('td', { class: 'num' }, ms(c.est_latency_ms)));
  });

  // A long cascade is mostly noise for the question "why this model": the top rows first, the rest on request.
  const tbody = h('tbody', {}, ...rows.slice(0, RANKED_SHOWN));
  const all = rows.length > RANKED_SHOWN
    ? h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-testid': 'ranked-all', onclick: (event) => {
        tbody.append(...rows.slice(RANKED_SHOWN));
        event.currentTarget.remove();
      } }, `Show all ${rows.length}`)
    : null;
  return h('div', { class: 'table-wrap' }, heading,
    h('table', { class: 'table ranked', 'data-testid': 'ranked-table' },
      h('thead', {}, h('tr', {},
        h('th', { class: 'num', scope: 'col' }, '#'),
        h('th', { scope: 'col' }, 'Model'),
        h('th', { scope: 'col' }, 'Provider'),
        h('th', { scope: 'col' }, 'Score'),
        h('th', { class: 'num', scope: 'col' }, 'Est. cost'),
        h('th', { class: 'num', scope: 'col' }, 'Est. latency'))),
      tbody),
    all);
}

const RANKED_SHOWN = 10;

// Scores are relative (normalized terms); three decimals tell neighbours apart, and -0 reads as 0.
function score(value) {
  const text = value.toFixed(3);
  return text === '-0.000' ? '0.000' : text;
}

// A bar relative to the best and worst survivor: SVG geometry, since the page's CSP allows no inline styles.
function scoreBar(share) {
  const width = Math.max(2, Math.round(share * 100));
  return svg('svg', { class: 'bar', viewBox: '0 0 100 8', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' },
    svg('rect', { class: 'bar-track', x: 0, y: 0, width: 100, height: 8, rx: 2 }),
    svg('rect', { class: 'bar-fill', x: 0, y: 0, width, height: 8, rx: 2 }));
}

function rejectedGroups(trace) {
  const rejected = trace.rejected ?? [];
  const heading = h('h2', {}, `Rejected (${rejected.length})`);
  if (rejected.length === 0) {
    return h('div', {}, heading, h('p', { class: 'muted' }, 'No model was rejected.'));
  }

  // Group by the layer and rule that rejected, most general layer first (the order of policy.layers).
  const order = ['host', ...(trace.policy?.layers ?? []).map((l) => l.source)];
  const groups = new Map();
  for (const r of rejected) {
    const key = `${r.layer}\u0000${r.rule}`;
    if (!groups.has(key)) {
      groups.set(key, { layer: r.layer, rule: r.rule, models: [] });
    }

    groups.get(key).models.push(r);
  }

  const rank = (layer) => {
    const i = order.indexOf(layer);
    return i < 0 ? order.length : i;
  };
  const sorted = [...groups.values()].sort((a, b) => rank(a.layer) - rank(b.layer) || b.models.length - a.models.length);

  return h('div', { class: 'rejected' }, heading,
    ...sorted.map((g) => h('details', { class: 'reject-group', 'data-testid': 'rejected-group', 'data-layer': g.layer, open: '' },
      h('summary', {},
        h('span', { class: 'layer', 'data-testid': 'rejected-layer' }, g.layer),
        h('span', { class: 'rule', 'data-testid': 'rejected-rule' }, describeRule(g.rule)),
        h('span', { class: 'count' }, `${g.models.length} model${g.models.length === 1 ? '' : 's'}`)),
      h('p', { class: 'rule-json' }, 'rule ', h('code', {}, g.rule)),
      h('ul', { class: 'reject-models' },
        ...g.models.map((r) => h('li', { 'data-testid': 'rejected-model', 'data-model': r.model },
          h('span', { class: 'model' }, r.model), h('span', { class: 'muted' }, ` ${r.provider}`),
          r.actual !== null && r.actual !== undefined ? h('span', { class: 'actual' }, ` actual ${value(r.actual)}`) : ''))))));
}

function attemptsTable(trace) {
  const attempts = trace.attempts ?? [];
  const heading = h('h2', {}, `Attempts (${attempts.length})`);
  if (attempts.length === 0) {
    return h('div', {}, heading, h('p', { class: 'muted', 'data-testid': 'attempts-empty' }, 'No provider was called.'));
  }

  return h('div', { class: 'table-wrap' }, heading,
    h('table', { class: 'table', 'data-testid': 'attempts-table' },
      h('thead', {}, h('tr', {},
        h('th', { class: 'num', scope: 'col' }, '#'),
        h('th', { scope: 'col' }, 'Model'),
        h('th', { scope: 'col' }, 'Provider'),
        h('th', { scope: 'col' }, 'Served by'),
        h('th', { scope: 'col' }, 'Outcome'),
        h('th', { class: 'num', scope: 'col' }, 'Status'),
        h('th', { class: 'num', scope: 'col' }, 'Latency'),
        h('th', { class: 'num', scope: 'col' }, 'TTFT'))),
      h('tbody', {}, ...attempts.map((a, i) => h('tr', { 'data-testid': 'attempt-row' },
        h('td', { class: 'num' }, String(i + 1)),
        h('td', {}, h('span', { class: 'model' }, a.model)),
        h('td', {}, a.provider),
        h('td', {}, a.upstream ?? '—'),
        h('td', {}, h('span', { class: `badge ${a.outcome === 'ok' ? 'badge-ok' : 'badge-bad'}` }, a.outcome), a.error ? h('span', { class: 'muted' }, ` ${a.error}`) : ''),
        h('td', { class: 'num' }, a.status == null ? '—' : String(a.status)),
        h('td', { class: 'num' }, ms(a.latency_ms)),
        h('td', { class: 'num' }, ms(a.ttft_ms)))))));
}
