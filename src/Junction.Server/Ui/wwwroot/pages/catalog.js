// Catalog: every model with its list prices, quality, regions, live stats and circuit state. Filtering and sorting
// happen in the browser: the catalog is small (tens of models) and arrives in one answer.
import { api } from '../api.js';
import { h, errorBox, ms, pageHeader } from '../dom.js';

// Ten columns fit a laptop: secondary facts (family, tier, regions, max output, TTFT) ride under the main ones.
const COLUMNS = [
  { key: 'id', label: 'Model', sort: (m) => m.id },
  { key: 'provider', label: 'Provider', sort: (m) => m.provider },
  { key: 'circuit', label: 'Circuit', sort: (m) => m.circuit },
  { key: 'price', label: 'Price in / out ($/M)', num: true, sort: (m) => m.price_in + m.price_out },
  { key: 'context', label: 'Context', num: true, sort: (m) => m.context_window },
  { key: 'quality', label: 'Quality', num: true, sort: (m) => m.bench_intelligence ?? -1 },
  { key: 'capabilities', label: 'Capabilities', sort: (m) => (m.capabilities ?? []).length },
  { key: 'latency', label: 'Latency p50', num: true, sort: (m) => m.live?.latency_p50_ms ?? Infinity },
  { key: 'speed', label: 'Tok/s', num: true, sort: (m) => m.live?.tokens_per_s ?? 0 },
  { key: 'availability', label: 'Availability', num: true, sort: (m) => m.live?.availability ?? 0 },
];

const CAPABILITY_NAMES = { json_schema: 'schema', json_mode: 'json', streaming: 'stream', reasoning: 'reason' };

export async function render(root) {
  root.append(pageHeader('Catalog'));
  let catalog;
  try {
    catalog = await api('/admin/catalog');
  } catch (error) {
    root.append(errorBox(error));
    return;
  }

  const models = catalog.data ?? [];
  const providers = [...new Set(models.map((m) => m.provider))].sort();
  const open = models.filter((m) => m.circuit !== 'closed').length;
  root.append(h('p', { class: 'lead' },
    `${models.length} models from ${providers.length} providers, catalog `, h('code', { 'data-testid': 'catalog-version' }, catalog.version), '. ',
    open === 0 ? 'Every circuit is closed.' : `${open} circuit${open === 1 ? ' is' : 's are'} not closed.`,
    ' Live figures are decayed averages of observed traffic; "prior" means no traffic yet, so the catalog\'s estimate stands.'));

  const text = h('input', { id: 'cat-q', type: 'search', placeholder: 'model, family or provider', 'data-testid': 'catalog-filter' });
  const provider = h('select', { id: 'cat-provider', 'data-testid': 'catalog-provider' },
    h('option', { value: '' }, 'all'), ...providers.map((p) => h('option', { value: p }, p)));
  const circuit = h('select', { id: 'cat-circuit' },
    h('option', { value: '' }, 'any'), ...['closed', 'half_open', 'open'].map((c) => h('option', { value: c }, c.replace('_', '-'))));
  const count = h('span', { class: 'muted', 'aria-live': 'polite' });
  const form = h('form', { class: 'filters filter-row', role: 'search' },
    h('div', { class: 'field' }, h('label', { for: 'cat-q' }, 'Filter'), text),
    h('div', { class: 'field' }, h('label', { for: 'cat-provider' }, 'Provider'), provider),
    h('div', { class: 'field' }, h('label', { for: 'cat-circuit' }, 'Circuit'), circuit),
    h('div', { class: 'actions' }, count));
  form.addEventListener('submit', (event) => event.preventDefault());

  let sortKey = 'provider';
  let descending = false;
  const headRow = h('tr', {});
  const tbody = h('tbody', {});
  root.append(form, h('div', { class: 'table-wrap' }, h('table', { class: 'table catalog', 'data-testid': 'catalog-table' }, h('thead', {}, headRow), tbody)));

  const draw = () => {
    const needle = text.value.trim().toLowerCase();
    const column = COLUMNS.find((c) => c.key === sortKey);
    const shown = models
      .filter((m) => !provider.value || m.provider === provider.value)
      .filter((m) => !circuit.value || m.circuit === circuit.value)
      .filter((m) => !needle || [m.id, m.family, m.provider, m.tier].some((s) => s?.toLowerCase().includes(needle)))
      .sort((a, b) => compare(column.sort(a), column.sort(b)) * (descending ? -1 : 1) || compare(a.id, b.id));
    headRow.replaceChildren(...COLUMNS.map((c) => header(c)));
    tbody.replaceChildren(...shown.map(row));
    count.textContent = `${shown.length} of ${models.length} shown`;
  };

  const header = (c) => {
    const active = c.key === sortKey;
    const button = h('button', { type: 'button', class: 'sort' }, c.label, active ? (descending ? ' ▼' : ' ▲') : '');
    button.addEventListener('click', () => {
      descending = active ? !descending : false;
      sortKey = c.key;
      draw();
      headRow.querySelector(`[data-key="${c.key}"] button`)?.focus();
    });
    const th = h('th', { scope: 'col', class: c.num ? 'num' : '', 'data-key': c.key }, button);
    if (active) {
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    }

    return th;
  };

  text.addEventListener('input', draw);
  provider.addEventListener('change', draw);
  circuit.addEventListener('change', draw);
  draw();
}

function compare(a, b) {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }

  return String(a ?? '').localeCompare(String(b ?? ''));
}

function row(m) {
  const live = m.live ?? {};
  const prior = !live.samples;
  const liveCell = (text, under) => h('td', { class: `num${prior ? ' prior' : ''}`, title: prior ? 'prior: no observed traffic yet' : `${live.samples} samples` },
    text, under ? h('div', { class: 'muted small' }, under) : null);
  return h('tr', { 'data-testid': 'catalog-row', 'data-model': m.id, 'data-provider': m.provider, 'data-circuit': m.circuit },
    h('td', {}, h('span', { class: 'model' }, m.id), h('div', { class: 'muted small' }, [m.family, m.tier].filter(Boolean).join(' · '))),
    h('td', {}, m.provider, h('div', { class: 'muted small' }, (m.regions ?? []).join(', '))),
    h('td', {}, h('span', { class: `badge ${circuitTone(m.circuit)}`, 'data-testid': 'catalog-circuit' }, m.circuit.replace('_', '-'))),
    h('td', { class: 'num nowrap' }, h('span', { 'data-testid': 'catalog-price' }, `${price(m.price_in)} / ${price(m.price_out)}`),
      h('div', { class: 'muted small' }, m.price_cached_in == null ? 'no cache price' : `cached ${price(m.price_cached_in)}`)),
    h('td', { class: 'num' }, tokens(m.context_window), h('div', { class: 'muted small' }, `out ${tokens(m.max_output)}`)),
    h('td', { class: 'num' }, m.bench_intelligence == null ? '—' : m.bench_intelligence.toFixed(2)),
    h('td', { class: 'caps' }, ...(m.capabilities ?? []).map((c) => h('span', { class: 'tag', title: c }, CAPABILITY_NAMES[c] ?? c))),
    liveCell(ms(live.latency_p50_ms), `TTFT ${ms(live.ttft_p50_ms)}`),
    liveCell(live.tokens_per_s == null ? '—' : Math.round(live.tokens_per_s).toString()),
    liveCell(live.availability == null ? '—' : `${(live.availability * 100).toFixed(1)}%`, prior ? 'prior' : `${live.samples} samples`));
}

function circuitTone(state) {
  return state === 'closed' ? 'badge-ok' : state === 'open' ? 'badge-bad' : 'badge-warn';
}

function price(usdPerMillion) {
  if (usdPerMillion == null) {
    return '—';
  }

  return `$${usdPerMillion < 1 ? usdPerMillion.toFixed(3).replace(/0$/, '') : usdPerMillion.toFixed(2)}`;
}

function tokens(n) {
  if (n == null) {
    return '—';
  }

  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(n % 1_000_000 ? 1 : 0)}M` : n >= 1000 ? `${Math.round(n / 1000)}k` : String(n);
}
