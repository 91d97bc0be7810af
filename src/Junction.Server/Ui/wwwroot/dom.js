// Small DOM helpers. Data only ever becomes text nodes or attribute values: never HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'readOnly', 'required', 'multiple', 'hidden']);

/**
 * Creates an element. `attrs`: `class`, `for`, `data-*`, `aria-*` and the rest become attributes; `on<event>`
 * functions become listeners; `value`/`checked`/`disabled`/... are set as properties. Children may be nodes,
 * strings, numbers, arrays, or null/false (skipped). `style` is refused: the CSP allows no inline styles.
 */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** Like `h`, for SVG elements (used by charts.js). */
export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(element, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (PROPERTIES.has(name)) {
      element[name] = value;
    } else if (name === 'style') {
      throw new Error('Inline styles are blocked by the Content-Security-Policy; use a class.');
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else if (child instanceof Node) element.appendChild(child);
    else element.appendChild(document.createTextNode(String(child)));
  }
}

/** Empties an element. */
export function clear(element) {
  while (element.firstChild) element.removeChild(element.firstChild);
  return element;
}

/**
 * A table. `columns`: `[{label, value: row => node|text, key?, numeric?, testid?}]` (`key` reads `row[key]` when there
 * is no `value`). Options: `empty` (text when there are no rows), `testid` (on the table), `rowTestid(row)`.
 */
export function table(columns, rows, { empty = 'Nothing to show yet.', testid, rowTestid, caption } = {}) {
  const head = h('thead', null, h('tr', null, columns.map(c => h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.label))));
  const body = h('tbody', null);
  if (!rows || rows.length === 0) {
    body.appendChild(h('tr', { class: 'empty' }, h('td', { colspan: columns.length }, empty)));
  } else {
    for (const row of rows) {
      body.appendChild(h('tr', { 'data-testid': rowTestid ? rowTestid(row) : null },
        columns.map(c => {
          const cell = c.value ? c.value(row) : row[c.key];
          return h('td', { class: c.numeric ? 'num' : null, 'data-testid': c.testid || null }, cell ?? '—');
        })));
    }
  }
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'table', 'data-testid': testid || null }, caption ? h('caption', null, caption) : null, head, body));
}

/** US dollars: cents for ordinary amounts, more digits for the small per-request costs; '—' for none. */
export function money(usd) {
  if (usd === null || usd === undefined || Number.isNaN(Number(usd))) return '—';
  const value = Number(usd);
  const abs = Math.abs(value);
  const digits = abs === 0 ? 2 : abs < 0.01 ? 6 : abs < 1 ? 4 : 2;
  return (value < 0 ? '-$' : '$') + abs.toLocaleString('en-US', { minimumFractionDigits: digits > 2 ? 2 : digits, maximumFractionDigits: digits });
}

/** Milliseconds as `840 ms` or `1.25 s`; '—' for none. */
export function ms(value) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '—';
  const v = Number(value);
  return v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(v < 10000 ? 2 : 1)} s`;
}

/** A whole number with thousands separators. */
export function number(value) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '—';
  return Number(value).toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** A ratio (0.125) as a percentage (`12.5%`). */
export function percent(ratio, digits = 1) {
  if (ratio === null || ratio === undefined || Number.isNaN(Number(ratio))) return '—';
  return `${(Number(ratio) * 100).toFixed(digits)}%`;
}

/** A timestamp as `2026-11-21 14:03:12` in the browser's local time; '—' for none. */
export function when(iso) {
  if (!iso) return '—';
  const d = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** An alert box for an error: its message and, for invalid input, each field with its reason. */
export function errorBox(error) {
  const detail = error?.detail || error?.message || String(error);
  const errors = Array.isArray(error?.errors) ? error.errors : [];
  return h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': 'error' },
    h('strong', null, error?.status ? `${title(error.status)}: ` : 'Error: '),
    detail,
    errors.length > 0
      ? h('ul', { class: 'field-errors' }, errors.map(e => h('li', null, h('code', null, e.field || e.path || ''), ' ', e.reason || e.message || '')))
      : null);
}

function title(status) {
  switch (status) {
    case 0: return 'Network';
    case 400: return 'Invalid';
    case 401: return 'Signed out';
    case 403: return 'Forbidden';
    case 404: return 'Not found';
    case 409: return 'Conflict';
    case 429: return 'Limited';
    default: return status >= 500 ? 'Gateway error' : 'Error';
  }
}

/** A labelled form field: `<label for>` + the control (given an id when it has none). */
export function field(label, control, hint) {
  if (!control.id) control.id = 'f-' + Math.random().toString(36).slice(2, 9);
  return h('div', { class: 'field' },
    h('label', { for: control.id }, label),
    control,
    hint ? h('p', { class: 'hint' }, hint) : null);
}

/** A summary card: a label and a big number, with an optional note. */
export function card(label, value, { testid, note, tone } = {}) {
  return h('section', { class: 'card' + (tone ? ' card-' + tone : ''), 'data-testid': testid || null },
    h('h3', { class: 'card-label' }, label),
    h('p', { class: 'card-value' }, value),
    note ? h('p', { class: 'card-note' }, note) : null);
}

/** A small coloured label (`ok`, `warn`, `bad`, `muted`). */
export function badge(text, tone = 'muted') {
  return h('span', { class: 'badge badge-' + tone }, text);
}

/** A page's heading row: the `<h1>` (focusable, so navigation can move focus to it) and optional actions. */
export function pageHeader(title, ...actions) {
  return h('header', { class: 'page-header' }, h('h1', { tabindex: '-1' }, title), actions.length ? h('div', { class: 'actions' }, actions) : null);
}

/** A "not found" page body (used for unknown routes and for things outside the signed-in tenant). */
export function notFound(what = 'This page does not exist.') {
  return h('div', { class: 'not-found', 'data-testid': 'not-found' },
    h('h1', { tabindex: '-1' }, 'Not found'),
    h('p', null, what),
    h('p', null, h('a', { href: '#/overview' }, 'Back to the overview')));
}
