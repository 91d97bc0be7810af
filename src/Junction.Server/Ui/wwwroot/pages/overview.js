// Overview: spend over time, traffic, errors, latency and TTFT, top models and providers, and budget burn per tenant.
// The controls live in the hash (#/overview?range=7d&by=model&tenant=acme), so a view can be bookmarked and shared.
import { api } from '../api.js';
import { h, table, money, ms, number, percent, card, field, badge, pageHeader } from '../dom.js';
import { lineChart, barChart, meter } from '../charts.js';

const RANGES = { '24h': { buckets: 24, bucket: 'hour', label: 'Last 24 hours' }, '7d': { buckets: 7, bucket: 'day', label: 'Last 7 days' }, '30d': { buckets: 30, bucket: 'day', label: 'Last 30 days' } };
const GROUPS = { tenant: 'Tenant', model: 'Model', provider: 'Provider' };

export async function render(root, ctx) {
  const platform = ctx.session.role === 'admin';
  const range = RANGES[ctx.query.get('range')] ? ctx.query.get('range') : '7d';
  const by = GROUPS[ctx.query.get('by')] ? ctx.query.get('by') : (platform ? 'tenant' : 'model');
  const tenant = platform ? (ctx.query.get('tenant') || '') : '';
  // The range ends with the current bucket (the gateway's default `to`) and starts whole buckets earlier, in UTC.
  const from = new Date();
  from.setUTCMinutes(0, 0, 0);
  if (RANGES[range].bucket === 'day') {
    from.setUTCHours(0);
    from.setUTCDate(from.getUTCDate() - (RANGES[range].buckets - 1));
  } else {
    from.setUTCHours(from.getUTCHours() - (RANGES[range].buckets - 1));
  }

  const [overview, tenants] = await Promise.all([
    api('/admin/overview', { query: { from: from.toISOString(), bucket: RANGES[range].bucket, by, tenant } }),
    platform ? api('/admin/tenants').then(r => r.data).catch(() => []) : Promise.resolve([]),
  ]);

  root.appendChild(pageHeader('Overview', controls()));
  root.appendChild(h('p', { class: 'subtitle' }, RANGES[range].label, platform ? (tenant ? ` · tenant ${tenant}` : ' · all tenants') : ` · ${ctx.session.tenant_name || ctx.session.tenant_id}`));

  const t = overview.totals;
  root.appendChild(h('div', { class: 'cards', 'data-testid': 'overview-totals' },
    card('Spend', money(t.spend_usd), { testid: 'total-spend', note: `${number(t.prompt_tokens + t.completion_tokens)} tokens` }),
    card('Requests', number(t.requests), { testid: 'total-requests' }),
    card('Error rate', percent(t.error_rate), { testid: 'total-error-rate', note: `${number(t.errors)} errors`, tone: t.error_rate >= 0.05 ? 'bad' : null }),
    card('Latency p50 / p95', `${ms(t.latency_ms?.p50)} / ${ms(t.latency_ms?.p95)}`, { testid: 'total-latency', note: 'whole request' }),
    card('TTFT p50 / p95', `${ms(t.ttft_ms?.p50)} / ${ms(t.ttft_ms?.p95)}`, { testid: 'total-ttft', note: 'streamed requests' })));

  const series = (overview.series || []).map(s => ({ name: s.name, points: (s.points || []).map(p => ({ x: p.t, y: p.spend_usd })) }));
  root.appendChild(h('section', { class: 'panel chart-panel', 'data-testid': 'spend-chart' },
    h('div', { class: 'panel-head' }, h('h2', null, `Spend over time by ${GROUPS[by].toLowerCase()}`), h('span', { class: 'muted' }, `per ${RANGES[range].bucket}, actual cost`)),
    lineChart(series, { width: 1040, height: 240, yFormat: money, label: `Spend over time by ${GROUPS[by].toLowerCase()}`, testid: 'spend-line-chart' })));

  const models = overview.top_models || [];
  const providers = overview.top_providers || [];
  root.appendChild(h('div', { class: 'grid-2' },
    h('section', { class: 'panel', 'data-testid': 'top-models' },
      h('h2', null, 'Top models by spend'),
      barChart(models.slice(0, 8).map(m => ({ label: m.model, value: m.spend_usd })), { width: 500, label: 'Top models by spend', testid: 'top-models-chart' }),
      table([
        { label: 'Model', key: 'model' },
        { label: 'Provider', key: 'provider' },
        { label: 'Requests', numeric: true, value: m => number(m.requests) },
        { label: 'Spend', numeric: true, value: m => money(m.spend_usd) },
      ], models.slice(0, 8), { empty: 'No traffic in this range.' })),
    h('section', { class: 'panel', 'data-testid': 'top-providers' },
      h('h2', null, 'Top providers'),
      barChart(providers.slice(0, 8).map(p => ({ label: p.provider, value: p.requests })), { width: 500, format: number, label: 'Requests by provider', testid: 'top-providers-chart' }),
      table([
        { label: 'Provider', key: 'provider' },
        { label: 'Requests', numeric: true, value: p => number(p.requests) },
        { label: 'Spend', numeric: true, value: p => money(p.spend_usd) },
      ], providers.slice(0, 8), { empty: 'No traffic in this range.' }))));

  root.appendChild(h('section', { class: 'panel', 'data-testid': 'budgets' },
    h('div', { class: 'panel-head' }, h('h2', null, 'Budget burn'), h('span', { class: 'muted' }, 'the larger of today\'s and this month\'s share of the budget; amber from 80%')),
    table([
      { label: 'Tenant', value: b => h('a', { href: '#/tenants/' + encodeURIComponent(b.tenant) }, b.name || b.tenant) },
      { label: 'Today', numeric: true, value: b => `${money(b.daily_spend)} / ${b.daily_budget != null ? money(b.daily_budget) : '—'}` },
      { label: 'This month', numeric: true, value: b => `${money(b.monthly_spend)} / ${b.monthly_budget != null ? money(b.monthly_budget) : '—'}` },
      { label: 'Burn', value: b => b.burn == null ? h('span', { class: 'muted' }, 'no budget') : h('div', { class: 'burn' }, meter(b.burn), percent(b.burn, 0)) },
      { label: '', value: b => b.burn >= 1 ? badge('over budget', 'bad') : b.warning ? h('span', { 'data-testid': 'budget-warning' }, badge('near the cap', 'warn')) : '' },
    ], overview.budgets || [], { rowTestid: b => 'budget-' + b.tenant, empty: 'No tenants with budgets.' })));

  function controls() {
    const rangeSelect = h('select', { id: 'overview-range', 'data-testid': 'overview-range', onchange: go },
      Object.entries(RANGES).map(([k, v]) => h('option', { value: k, selected: k === range }, v.label)));
    const bySelect = h('select', { id: 'overview-by', 'data-testid': 'overview-by', onchange: go },
      Object.entries(GROUPS).map(([k, v]) => h('option', { value: k, selected: k === by }, v)));
    const tenantSelect = platform ? h('select', { id: 'overview-tenant', 'data-testid': 'overview-tenant', onchange: go },
      h('option', { value: '' }, 'All tenants'),
      tenants.map(x => h('option', { value: x.id, selected: x.id === tenant }, x.name && x.name !== x.id ? `${x.name} (${x.id})` : x.id))) : null;
    return h('div', { class: 'controls' },
      field('Range', rangeSelect), field('Group by', bySelect), tenantSelect ? field('Tenant', tenantSelect) : null);

    function go() {
      const q = new URLSearchParams({ range: rangeSelect.value, by: bySelect.value });
      if (tenantSelect?.value) q.set('tenant', tenantSelect.value);
      ctx.navigate('#/overview?' + q.toString());
    }
  }
}
