// Tenants: the list (a platform admin sees all, anyone else only their own) and, for a platform admin, a form
// that creates one.
import { api } from '../api.js';
import { h, table, money, number, when, errorBox, field, badge, pageHeader } from '../dom.js';

export async function render(root, ctx) {
  const platform = ctx.session.role === 'admin';
  const { data: tenants } = await api('/admin/tenants');

  root.appendChild(pageHeader('Tenants'));
  root.appendChild(h('p', { class: 'subtitle' }, platform
    ? 'Every tenant of this gateway. Open one to edit its policy, budgets, limits and keys.'
    : 'The tenant this key belongs to.'));

  if (platform) root.appendChild(createForm(ctx));

  root.appendChild(h('section', { class: 'panel' },
    h('div', { class: 'panel-head' }, h('h2', null, 'All tenants'), h('span', { class: 'muted' }, `${tenants.length} total`)),
    table([
      { label: 'Tenant', value: t => h('a', { href: '#/tenants/' + encodeURIComponent(t.id), 'data-testid': 'tenant-link' }, t.id) },
      { label: 'Name', key: 'name' },
      { label: 'Source', value: t => t.source === 'configuration' ? badge('configuration') : badge('store', 'ok') },
      { label: 'Plan', value: t => t.plan || '—' },
      { label: 'Daily budget', numeric: true, value: t => money(t.daily_budget) },
      { label: 'Monthly budget', numeric: true, value: t => money(t.monthly_budget) },
      { label: 'RPM', numeric: true, value: t => number(t.rpm) },
      { label: 'Policy', value: t => t.policy ? badge('custom', 'ok') : h('span', { class: 'muted' }, 'default') },
      { label: 'Updated', value: t => when(t.updated_at) },
    ], tenants, { testid: 'tenants-table', rowTestid: t => 'tenant-' + t.id, empty: 'No tenants yet. Create the first one above.' })));
}

function createForm(ctx) {
  const id = h('input', { id: 'new-tenant-id', name: 'id', required: true, autocomplete: 'off', pattern: '[a-z0-9][a-z0-9_\\-]*', placeholder: 'acme', 'data-testid': 'new-tenant-id' });
  const name = h('input', { id: 'new-tenant-name', name: 'name', autocomplete: 'off', placeholder: 'Acme Inc.', 'data-testid': 'new-tenant-name' });
  const daily = h('input', { id: 'new-tenant-daily', name: 'daily_budget', type: 'number', min: '0', step: 'any', placeholder: 'none', 'data-testid': 'new-tenant-daily' });
  const monthly = h('input', { id: 'new-tenant-monthly', name: 'monthly_budget', type: 'number', min: '0', step: 'any', placeholder: 'none' });
  const errors = h('div', null);
  const submit = h('button', { type: 'submit', class: 'btn', 'data-testid': 'new-tenant-submit' }, 'Create tenant');

  const form = h('form', { class: 'panel', 'aria-labelledby': 'new-tenant-title', 'data-testid': 'new-tenant-form', onsubmit: onSubmit },
    h('h2', { id: 'new-tenant-title' }, 'New tenant'),
    errors,
    h('div', { class: 'form-row' },
      field('Id', id, 'Lowercase letters, digits, - and _.'),
      field('Name', name),
      field('Daily budget (USD)', daily),
      field('Monthly budget (USD)', monthly),
      h('div', { class: 'field' }, h('span', { class: 'field-spacer', 'aria-hidden': 'true' }), submit)));
  return form;

  async function onSubmit(event) {
    event.preventDefault();
    errors.replaceChildren();
    for (const input of [id, name, daily, monthly]) input.removeAttribute('aria-invalid');
    const body = { id: id.value.trim(), name: name.value.trim() || undefined };
    if (daily.value !== '') body.daily_budget = Number(daily.value);
    if (monthly.value !== '') body.monthly_budget = Number(monthly.value);
    submit.disabled = true;
    try {
      const created = await api('/admin/tenants', { method: 'POST', body });
      ctx.navigate('#/tenants/' + encodeURIComponent(created.id));
    } catch (error) {
      errors.appendChild(errorBox(error));
      const byName = { id, name, daily_budget: daily, monthly_budget: monthly };
      for (const e of error.errors || []) byName[e.field]?.setAttribute('aria-invalid', 'true');
      submit.disabled = false;
    }
  }
}
