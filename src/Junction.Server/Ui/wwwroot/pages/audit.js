// Audit log: every change to tenants, keys and credentials, newest first, with what changed; for a platform admin,
// whether the hash chain still verifies (nobody rewrote or deleted an entry).
import { api } from '../api.js';
import { h, when, errorBox, pageHeader } from '../dom.js';

const PAGE_SIZE = 50;

// Views in the audit log never hold secrets; this is the second lock, should a future view slip.
const NEVER_SHOWN = new Set(['secret', 'key', 'api_key', 'password', 'token']);

export async function render(root, ctx) {
  const isPlatform = ctx.session.role === 'admin';
  root.append(pageHeader('Audit log'));

  const verification = h('section', { class: 'verification', 'aria-live': 'polite', 'data-testid': 'audit-verification' });
  root.append(verification);
  if (isPlatform) {
    verify(verification);
  } else {
    verification.append(h('p', { class: 'muted' }, 'Verifying the hash chain takes a platform admin key; this list shows your tenant\'s entries.'));
  }

  const tenant = ctx.query.get('tenant') ?? '';
  const target = ctx.query.get('target') ?? '';
  const tenantInput = h('input', { id: 'audit-tenant', name: 'tenant', placeholder: isPlatform ? 'all tenants' : '', 'data-testid': 'audit-filter-tenant' });
  tenantInput.value = isPlatform ? tenant : (ctx.session.tenant_id ?? '');
  tenantInput.readOnly = !isPlatform;
  const targetInput = h('input', { id: 'audit-target', name: 'target', placeholder: 'e.g. acme or key_…', 'data-testid': 'audit-filter-target' });
  targetInput.value = target;
  const form = h('form', { class: 'filters filter-row', role: 'search' },
    h('div', { class: 'field' }, h('label', { for: 'audit-tenant' }, 'Tenant'), tenantInput),
    h('div', { class: 'field' }, h('label', { for: 'audit-target' }, 'Target'), targetInput),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn' }, 'Filter')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    if (isPlatform && tenantInput.value.trim()) {
      query.set('tenant', tenantInput.value.trim());
    }

    if (targetInput.value.trim()) {
      query.set('target', targetInput.value.trim());
    }

    ctx.navigate(`#/audit?${query}`);
  });
  root.append(form);

  const tbody = h('tbody', {});
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'btn btn-quiet', hidden: true }, 'Older entries');
  root.append(h('div', { class: 'table-wrap' }, h('table', { class: 'table audit', 'data-testid': 'audit-table' },
    h('thead', {}, h('tr', {},
      h('th', { class: 'num', scope: 'col' }, '#'),
      h('th', { scope: 'col' }, 'When'),
      h('th', { scope: 'col' }, 'Action'),
      h('th', { scope: 'col' }, 'Target'),
      h('th', { scope: 'col' }, 'Tenant'),
      h('th', { scope: 'col' }, 'Actor key'),
      h('th', { scope: 'col' }, 'Changes'))),
    tbody)), status, more);

  let before = null;
  let shown = 0;
  const load = async () => {
    more.disabled = true;
    const query = { limit: String(PAGE_SIZE) };
    if (isPlatform && tenant) {
      query.tenant = tenant;
    }

    if (target) {
      query.target = target;
    }

    if (before !== null) {
      query.before = String(before);
    }

    let entries;
    try {
      entries = (await api('/admin/audit', { query })).data ?? [];
    } catch (error) {
      root.append(errorBox(error));
      return;
    }

    tbody.append(...entries.map(row));
    shown += entries.length;
    before = entries.length > 0 ? entries[entries.length - 1].id : before;
    status.textContent = shown === 0 ? 'No audit entries match.' : `${shown} entr${shown === 1 ? 'y' : 'ies'} shown.`;
    more.hidden = entries.length < PAGE_SIZE;
    more.disabled = false;
  };
  more.addEventListener('click', load);
  await load();
}

async function verify(panel) {
  panel.replaceChildren(h('p', { class: 'muted' }, 'Verifying the hash chain…'));
  let v;
  try {
    v = await api('/admin/audit/verify');
  } catch (error) {
    panel.replaceChildren(errorBox(error));
    return;
  }

  const again = h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => verify(panel) }, 'Verify again');
  if (v.intact) {
    panel.replaceChildren(h('p', { class: 'alert alert-ok', 'data-testid': 'audit-intact' },
      h('strong', {}, 'Chain intact. '), `${v.rows_checked} entr${v.rows_checked === 1 ? 'y' : 'ies'} checked; head hash `,
      h('code', {}, short(v.head_hash)), '. ', again));
    return;
  }

  panel.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': 'audit-broken' },
    h('strong', {}, 'Chain broken. '),
    `${v.problem ?? 'Problem'} at entry #${v.first_bad_id ?? '?'} after ${v.rows_checked} checked. `,
    v.detail ?? '', ' ', again));
}

function row(entry) {
  return h('tr', { 'data-testid': 'audit-row', 'data-action': entry.action },
    h('td', { class: 'num' }, String(entry.id)),
    h('td', { class: 'nowrap' }, when(entry.at)),
    h('td', {}, h('span', { class: 'tag' }, entry.action)),
    h('td', {}, h('code', {}, entry.target ?? '—')),
    h('td', {}, entry.tenant_id ?? h('span', { class: 'muted' }, 'platform')),
    h('td', {}, h('code', {}, entry.actor_key_id ?? '—')),
    h('td', {}, changes(entry.before, entry.after), h('div', { class: 'muted small', title: entry.hash }, `hash ${short(entry.hash)}`)));
}

// What changed between the before and after views, field by field; a creation or deletion lists the whole view.
function changes(before, after) {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const lines = [];
  const changed = [];
  for (const field of fields) {
    if (field === 'updated_at' || field === 'version') {
      continue;
    }

    const was = before?.[field];
    const now = after?.[field];
    if (JSON.stringify(was) === JSON.stringify(now)) {
      continue;
    }

    changed.push(field);
    lines.push(h('li', {},
      h('span', { class: 'field-name' }, field), ': ',
      before ? h('span', { class: 'was' }, show(field, was)) : '',
      before && after ? ' → ' : '',
      after ? h('span', { class: 'now' }, show(field, now)) : ''));
  }

  if (lines.length === 0) {
    return h('span', { class: 'muted' }, 'no field changed');
  }

  const label = !before ? 'created' : !after ? 'deleted'
    : changed.length <= 2 ? `${changed.join(', ')} changed` : `${changed.length} fields changed`;
  return h('details', { class: 'changes' }, h('summary', {}, label), h('ul', {}, ...lines));
}

function show(field, value) {
  if (NEVER_SHOWN.has(field)) {
    return '(hidden)';
  }

  if (value === undefined || value === null) {
    return 'none';
  }

  return typeof value === 'string' ? value : JSON.stringify(value);
}

function short(hash) {
  return hash ? `${hash.slice(0, 12)}…` : '—';
}
