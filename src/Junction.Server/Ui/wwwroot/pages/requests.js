// Requests: the request log of one tenant, searchable and filterable, with the spend of the same range by model.
// The filters live in the hash query (#/requests?tenant=acme&outcome=failed), so a view can be bookmarked and shared.
import { api } from '../api.js';
import { h, when, errorBox, field, money, ms, pageHeader } from '../dom.js';
import { barChart } from '../charts.js';

const FILTERS = ['tenant', 'q', 'model', 'provider', 'outcome', 'key', 'tag', 'from', 'to'];
const OUTCOMES = ['succeeded', 'failed', 'denied', 'cancelled'];
const PAGE_SIZE = 50;

export async function render(root, ctx) {
  const isPlatform = ctx.session.role === 'admin';
  const tenants = isPlatform ? await tenantList() : [];
  const filters = readFilters(ctx.query);
  filters.tenant ??= isPlatform ? (tenants[0]?.id ?? null) : ctx.session.tenant_id;

  root.append(pageHeader('Requests'));
  root.append(filterForm(filters, tenants, isPlatform, ctx));
  if (!filters.tenant) {
    root.append(h('p', { class: 'muted' }, 'There is no tenant yet: create one on the Tenants page.'));
    return;
  }

  const spend = h('section', { class: 'panel spend-panel', 'aria-label': 'Spend in range', 'data-testid': 'requests-spend' });
  const log = h('section', { class: 'panel', 'aria-label': 'Request log' });
  root.append(spend, log);
  await Promise.all([renderSpend(spend, filters), renderLog(log, filters)]);
}

async function tenantList() {
  try {
    return (await api('/admin/tenants')).data ?? [];
  } catch {
    return [];
  }
}

function readFilters(query) {
  const filters = {};
  for (const name of FILTERS) {
    const value = query.get(name);
    filters[name] = value ? value : null;
  }

  return filters;
}

function filterForm(filters, tenants, isPlatform, ctx) {
  const input = (name, attrs = {}) => {
    const element = h('input', { id: `req-${name}`, name, ...attrs });
    element.value = filters[name] && attrs.type === 'date' ? filters[name].slice(0, 10) : (filters[name] ?? '');
    return element;
  };

  // A tenant named in the link stays selectable even when the list does not hold it.
  const choices = filters.tenant && !tenants.some((t) => t.id === filters.tenant) ? [{ id: filters.tenant }, ...tenants] : tenants;
  const tenant = isPlatform
    ? h('select', { id: 'req-tenant', name: 'tenant', 'data-testid': 'filter-tenant' },
        ...choices.map((t) => h('option', { value: t.id }, t.name && t.name !== t.id ? `${t.name} (${t.id})` : t.id)))
    : h('input', { id: 'req-tenant', name: 'tenant', readonly: '', 'data-testid': 'filter-tenant' });
  tenant.value = filters.tenant ?? '';

  const outcome = h('select', { id: 'req-outcome', name: 'outcome', 'data-testid': 'filter-outcome' },
    h('option', { value: '' }, 'any'),
    ...OUTCOMES.map((o) => h('option', { value: o }, o)));
  outcome.value = filters.outcome ?? '';

  const more = h('details', { class: 'more-filters', open: filters.provider || filters.key || filters.tag ? true : null },
    h('summary', {}, 'More filters'),
    h('div', { class: 'filter-row' },
      field('Provider', input('provider', { placeholder: 'e.g. openai', 'data-testid': 'filter-provider' })),
      field('Key id', input('key', {})),
      field('Tag', input('tag', {}))));
  const form = h('form', { class: 'filters', 'data-testid': 'requests-filters', role: 'search' },
    h('div', { class: 'filter-row' },
      field('Tenant', tenant),
      field('Search', input('q', { type: 'search', placeholder: 'request id or model', 'data-testid': 'filter-q' })),
      field('Model', input('model', { placeholder: 'exact catalog id', 'data-testid': 'filter-model' })),
      field('Outcome', outcome),
      field('From (UTC day)', input('from', { type: 'date', 'data-testid': 'filter-from' })),
      field('To (UTC day, incl.)', input('to', { type: 'date', 'data-testid': 'filter-to' }))),
    more,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'btn', 'data-testid': 'filter-apply' }, 'Search'),
      h('button', { type: 'button', class: 'btn btn-quiet btn-small', onclick: () => quick(0) }, 'Today'),
      h('button', { type: 'button', class: 'btn btn-quiet btn-small', onclick: () => quick(1), 'data-testid': 'range-yesterday' }, 'Yesterday'),
      h('button', { type: 'button', class: 'btn btn-quiet btn-small', onclick: () => quick(7) }, 'Last 7 days'),
      h('button', { type: 'button', class: 'btn btn-quiet btn-small', onclick: () => ctx.navigate(hashFor({ tenant: form.elements.tenant.value })) }, 'Clear filters')));

  // A range in whole UTC days: "yesterday" is the day before today; the others end today.
  function quick(days) {
    const today = new Date();
    const day = (offset) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - offset)).toISOString().slice(0, 10);
    form.elements.from.value = day(days === 7 ? 6 : days);
    form.elements.to.value = day(days === 1 ? 1 : 0);
    form.requestSubmit();
  }

  // A choice from a list applies at once: Enter does not submit a form from a <select>.
  tenant.addEventListener('change', () => form.requestSubmit());
  outcome.addEventListener('change', () => form.requestSubmit());

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = {};
    for (const name of FILTERS) {
      const value = form.elements[name].value.trim();
      next[name] = value || null;
    }

    ctx.navigate(hashFor(next));
  });

  return form;
}

function hashFor(filters) {
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    if (filters[name]) {
      query.set(name, filters[name]);
    }
  }

  return `#/requests?${query}`;
}

// The filters' days are UTC days: `to` is inclusive, so the query ends at the start of the next day.
function range(filters) {
  const from = filters.from ? `${filters.from.slice(0, 10)}T00:00:00Z` : null;
  let to = null;
  if (filters.to) {
    const end = new Date(`${filters.to.slice(0, 10)}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    to = end.toISOString();
  }

  return { from, to };
}

async function renderSpend(panel, filters) {
  const { from, to } = range(filters);
  let answer;
  try {
    answer = await api('/admin/spend', { query: clean({ tenant: filters.tenant, from, to, group_by: 'model,provider' }) });
  } catch (error) {
    panel.append(errorBox(error));
    return;
  }

  const rows = (answer.data ?? []).sort((a, b) => b.cost - a.cost);
  const total = rows.reduce((sum, r) => sum + r.cost, 0);
  const requests = rows.reduce((sum, r) => sum + r.requests, 0);
  const models = rows.filter((r) => r.model).length;
  const totals = h('div', { class: 'spend-total' },
    h('h2', {}, `Spend of ${filters.tenant}`),
    h('p', { class: 'muted small' }, `${when(answer.from)} to ${when(answer.to)}`),
    h('p', { class: 'big', 'data-testid': 'spend-total' }, money(total)),
    h('p', { class: 'muted' }, `${requests} request${requests === 1 ? '' : 's'} on ${models} model${models === 1 ? '' : 's'}`));
  const items = rows.slice(0, 8).map((r) => ({ label: `${r.model ?? '(no model)'} · ${r.requests}`, value: r.cost }));
  panel.append(totals, h('div', { class: 'spend-chart' },
    barChart(items, { width: 560, labelWidth: 220, rowHeight: 22, label: `Spend by model for ${filters.tenant}`, testid: 'spend-by-model' }),
    rows.length > 8 ? h('p', { class: 'muted small' }, `and ${rows.length - 8} more`) : null));
}

async function renderLog(panel, filters) {
  const { from, to } = range(filters);
  const query = clean({
    q: filters.q, model: filters.model, provider: filters.provider, outcome: filters.outcome,
    key: filters.key, tag: filters.tag, from, to, limit: String(PAGE_SIZE),
  });
  const tbody = h('tbody', {});
  const status = h('p', { class: 'muted', 'aria-live': 'polite', 'data-testid': 'requests-status' });
  const more = h('button', { type: 'button', class: 'btn btn-quiet', hidden: true, 'data-testid': 'requests-more' }, 'Load more');
  panel.append(h('h2', {}, 'Log'), h('div', { class: 'table-wrap' },
    h('table', { class: 'table', 'data-testid': 'requests-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Time'),
        h('th', { scope: 'col' }, 'Request'),
        h('th', { scope: 'col' }, 'Model'),
        h('th', { scope: 'col' }, 'Outcome'),
        h('th', { class: 'num', scope: 'col' }, 'Tokens in/out'),
        h('th', { class: 'num', scope: 'col' }, 'Latency'),
        h('th', { class: 'num', scope: 'col' }, 'Cost (est.)'))),
      tbody)), status, more);

  let cursor = null;
  let shown = 0;
  const load = async () => {
    more.disabled = true;
    let page;
    try {
      page = await api(`/admin/tenants/${encodeURIComponent(filters.tenant)}/logs`, { query: cursor ? { ...query, cursor } : query });
    } catch (error) {
      panel.append(errorBox(error));
      return;
    }

    for (const record of page.data ?? []) {
      tbody.append(row(filters.tenant, record));
    }

    shown += page.data?.length ?? 0;
    cursor = page.next_cursor ?? null;
    status.textContent = shown === 0 ? 'No request matches these filters.' : `${shown} request${shown === 1 ? '' : 's'} shown${cursor ? '' : ' (all)'}.`;
    more.hidden = !cursor;
    more.disabled = false;
  };
  more.addEventListener('click', load);
  await load();
}

function row(tenant, r) {
  const href = `#/requests/${encodeURIComponent(tenant)}/${encodeURIComponent(r.id)}`;
  const tr = h('tr', { class: 'link-row', 'data-testid': 'request-row', 'data-id': r.id, 'data-model': r.model ?? '', 'data-outcome': r.outcome },
    h('td', { class: 'nowrap' }, when(r.timestamp)),
    h('td', {}, h('a', { href, class: 'mono nowrap' }, shortId(r.id)), r.tags?.length ? h('span', { class: 'tags' }, ...r.tags.map((t) => h('span', { class: 'tag' }, t))) : ''),
    h('td', {}, r.model ? h('span', { class: 'model' }, r.model) : h('span', { class: 'muted' }, 'none'), h('span', { class: 'muted' }, r.provider ? ` ${r.provider}` : '')),
    h('td', {}, outcomeBadge(r), reason(r)),
    h('td', { class: 'num' }, `${r.prompt_tokens} / ${r.completion_tokens}`),
    h('td', { class: 'num' }, ms(r.latency_ms)),
    h('td', { class: 'num' }, h('span', { 'data-testid': 'request-cost' }, money(r.actual_cost)), h('div', { class: 'muted small' }, money(r.estimated_cost))));
  // The link is the keyboard path; a click anywhere on the row is the mouse shortcut.
  tr.addEventListener('click', (event) => {
    if (!event.target.closest('a')) {
      location.hash = href;
    }
  });
  return tr;
}

// Why a request did not succeed, on one line; the full text is the tooltip and on the request page.
function reason(r) {
  const text = r.outcome === 'succeeded' ? null : (r.denial_reason ?? r.error_kind);
  return text ? h('div', { class: 'reason muted small', title: text }, text) : null;
}

export function outcomeBadge(r) {
  const tone = { succeeded: 'badge-ok', failed: 'badge-bad', denied: 'badge-warn' }[r.outcome] ?? '';
  return h('span', { class: `badge ${tone}`, 'data-testid': 'request-outcome' }, `${r.outcome} ${r.status}`);
}

// Trace ids are long and time-ordered: the tail is what tells two apart.
function shortId(id) {
  return id.length > 16 ? `${id.slice(0, 4)}…${id.slice(-10)}` : id;
}

function clean(query) {
  const result = {};
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') {
      result[name] = value;
    }
  }

  return result;
}
