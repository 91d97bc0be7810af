// One tenant: its policy (edited with live validation, showing the canonical form and fingerprint), budgets and
// limits, and keys. A key's secret appears once, in the answer that created it, and nowhere else.
import { api, ApiError } from '../api.js';
import { h, table, money, number, when, errorBox, field, badge, card, pageHeader, notFound } from '../dom.js';

const VALIDATE_DELAY_MS = 250;
const STRATEGIES = ['', 'balanced', 'lowest_cost', 'fastest', 'best_quality', 'max_reliability'];

export async function render(root, ctx) {
  const id = ctx.params.id;
  let tenant;
  try {
    tenant = await api('/admin/tenants/' + encodeURIComponent(id));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      root.appendChild(notFound(`No tenant '${id}' that this key may see.`));
      return;
    }
    throw error;
  }

  const role = ctx.session.role;
  const readOnly = role === 'viewer' || tenant.source === 'configuration';
  const state = { tenant };
  const [keys, budget] = await Promise.all([
    api(`/admin/tenants/${encodeURIComponent(id)}/keys`).then(r => r.data).catch(() => null),
    api('/admin/overview', { query: { tenant: id, bucket: 'day' } }).then(o => (o.budgets || []).find(b => b.tenant === id) || null).catch(() => null),
  ]);

  root.appendChild(h('p', { class: 'breadcrumb' }, role === 'admin' ? h('a', { href: '#/tenants' }, 'Tenants') : 'Tenant', ' / ', id));
  root.appendChild(pageHeader(tenant.name || tenant.id));
  root.appendChild(h('p', { class: 'subtitle', 'data-testid': 'tenant-id' },
    h('code', null, tenant.id), '  ',
    tenant.source === 'configuration' ? badge('configuration (read-only)') : null,
    tenant.plan ? ['  ', badge('plan ' + tenant.plan)] : null,
    tenant.region ? ['  ', badge('region ' + tenant.region)] : null));

  root.appendChild(summary(tenant, budget));
  root.appendChild(policyEditor(state, readOnly));
  root.appendChild(limitsForm(state, readOnly, role === 'admin'));
  if (keys) root.appendChild(keysPanel(id, keys, readOnly));
}

function summary(tenant, budget) {
  const warn = budget?.warning;
  return h('div', { class: 'cards', 'data-testid': 'tenant-summary' },
    card('Spend today', money(budget?.daily_spend ?? null), { note: tenant.daily_budget != null ? 'of ' + money(tenant.daily_budget) : 'no daily budget', tone: warn ? 'warn' : null }),
    card('Spend this month', money(budget?.monthly_spend ?? null), { note: tenant.monthly_budget != null ? 'of ' + money(tenant.monthly_budget) : 'no monthly budget' }),
    card('Requests / minute', tenant.rpm != null ? number(tenant.rpm) : '∞', { note: 'rate limit' }),
    card('Tokens / minute', tenant.tpm != null ? number(tenant.tpm) : '∞', { note: 'rate limit' }),
    card('Logging', tenant.logging_mode === 'full' ? 'Full' : 'Metadata', { note: tenant.logging_mode === 'full' ? 'bodies kept' : 'no bodies kept' }));
}

// ---- Policy -------------------------------------------------------------------------------------------------------

function policyEditor(state, readOnly) {
  const text = state.tenant.policy ? JSON.stringify(state.tenant.policy, null, 2) : '';
  const editor = h('textarea', {
    id: 'policy-editor', class: 'code', spellcheck: 'false', autocomplete: 'off', rows: '14', readOnly,
    'data-testid': 'policy-editor', 'aria-describedby': 'policy-help policy-status',
    placeholder: '{\n  "v": "junction-pol/v1",\n  "filter": ["in", "provider", ["openai", "anthropic"]],\n  "rank": "lowest_cost"\n}',
  });
  editor.value = text;
  const status = h('div', { id: 'policy-status', 'aria-live': 'polite', 'data-testid': 'policy-status' });
  const canonical = h('div', { 'data-testid': 'policy-result' });
  const saveErrors = h('div', null);
  const save = h('button', { type: 'submit', class: 'btn', 'data-testid': 'policy-save', disabled: true }, 'Save policy');
  const clearButton = h('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'policy-clear', onclick: onClear }, 'Use the default policy');
  let timer = null;
  let sequence = 0;
  let lastValid = null;

  editor.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(validate, VALIDATE_DELAY_MS);
  });
  editor.addEventListener('keydown', event => {
    // Ctrl/Cmd+Enter saves; a plain Enter is a newline in the editor.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  const form = h('form', { class: 'panel', 'aria-labelledby': 'policy-title', 'data-testid': 'policy-form', onsubmit: onSave },
    h('div', { class: 'panel-head' }, h('h2', { id: 'policy-title' }, 'Policy'),
      h('span', { class: 'muted' }, state.tenant.policy ? 'custom' : 'none: the host policy and defaults apply')),
    h('p', { class: 'hint', id: 'policy-help' }, 'A junction-pol/v1 policy in JSON. It is validated as you type; only a valid policy can be saved. Ctrl+Enter saves.'),
    h('div', { class: 'grid-2' },
      h('div', null, h('label', { for: 'policy-editor', class: 'visually-hidden' }, 'Policy JSON'), editor),
      h('div', null, status, canonical)),
    saveErrors,
    readOnly ? null : h('div', { class: 'form-row form-actions' }, save, state.tenant.policy ? clearButton : null));

  validate();
  return form;

  async function validate() {
    const mine = ++sequence;
    const source = editor.value.trim();
    canonical.replaceChildren();
    lastValid = null;
    save.disabled = true;
    editor.removeAttribute('aria-invalid');
    if (source === '') {
      status.replaceChildren(h('p', { class: 'muted' }, 'No policy: the host policy and defaults apply.'));
      return;
    }

    let policy;
    try {
      policy = JSON.parse(source);
    } catch (e) {
      editor.setAttribute('aria-invalid', 'true');
      status.replaceChildren(problems([{ path: '(json)', message: e.message }]));
      return;
    }

    let result;
    try {
      result = await api('/x/validate', { method: 'POST', body: { policy } });
    } catch (error) {
      if (mine === sequence) status.replaceChildren(errorBox(error));
      return;
    }
    if (mine !== sequence) return; // a newer edit is being validated

    if (!result.valid) {
      editor.setAttribute('aria-invalid', 'true');
      status.replaceChildren(problems(result.errors || []));
      return;
    }

    lastValid = policy;
    save.disabled = readOnly;
    status.replaceChildren(h('div', { class: 'alert alert-ok', 'data-testid': 'policy-valid' },
      h('strong', null, 'Valid. '), 'Fingerprint ', h('code', { class: 'fingerprint', 'data-testid': 'policy-fingerprint' }, result.fingerprint)));
    canonical.replaceChildren(
      h('h3', { class: 'muted' }, 'Canonical form (defaults filled)'),
      h('pre', { class: 'code', 'data-testid': 'policy-canonical' }, JSON.stringify(result.canonical, null, 2)));
  }

  async function onSave(event) {
    event.preventDefault();
    if (readOnly || !lastValid) return;
    await patch({ policy: lastValid });
  }

  async function onClear() {
    await patch({ policy: null });
  }

  async function patch(body) {
    saveErrors.replaceChildren();
    save.disabled = true;
    try {
      state.tenant = await api('/admin/tenants/' + encodeURIComponent(state.tenant.id), { method: 'PATCH', body: { ...body, version: state.tenant.version } });
      saveErrors.appendChild(h('div', { class: 'alert alert-ok', role: 'status', 'data-testid': 'policy-saved' }, body.policy === null ? 'Policy removed.' : 'Policy saved.'));
      editor.value = state.tenant.policy ? JSON.stringify(state.tenant.policy, null, 2) : '';
      await validate();
    } catch (error) {
      saveErrors.appendChild(errorBox(error));
      save.disabled = !lastValid;
    }
  }
}

function problems(errors) {
  return h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': 'policy-errors' },
    h('strong', null, errors.length === 1 ? '1 problem' : `${errors.length} problems`),
    h('ul', { class: 'field-errors' }, errors.map(e => h('li', { 'data-testid': 'policy-error' },
      h('code', { 'data-testid': 'policy-error-path' }, e.path || '$'), ' ', e.message,
      e.suggestion ? h('span', { class: 'muted' }, ` (did you mean '${e.suggestion}'?)`) : null))));
}

// ---- Budgets and limits --------------------------------------------------------------------------------------------

function limitsForm(state, readOnly, platform) {
  const t = state.tenant;
  // Budgets and rate limits are what the platform sells: only a platform admin changes them.
  const locked = readOnly || !platform;
  const inputs = {
    daily_budget: numberInput('limit-daily', t.daily_budget, locked),
    monthly_budget: numberInput('limit-monthly', t.monthly_budget, locked),
    rpm: numberInput('limit-rpm', t.rpm, locked, '1'),
    tpm: numberInput('limit-tpm', t.tpm, locked, '1'),
    default_max_cost: numberInput('limit-max-cost', t.default_max_cost, readOnly),
  };
  const strategy = h('select', { id: 'limit-strategy', disabled: readOnly },
    STRATEGIES.map(s => h('option', { value: s, selected: (t.default_strategy || '') === s }, s || 'policy default')));
  const logging = h('select', { id: 'limit-logging', disabled: readOnly },
    h('option', { value: 'metadata', selected: t.logging_mode !== 'full' }, 'metadata only'),
    h('option', { value: 'full', selected: t.logging_mode === 'full' }, 'full (keep bodies)'));
  const messages = h('div', null);
  const save = h('button', { type: 'submit', class: 'btn', 'data-testid': 'limits-save' }, 'Save budgets and limits');

  return h('form', { class: 'panel', 'aria-labelledby': 'limits-title', 'data-testid': 'limits-form', onsubmit: onSave },
    h('div', { class: 'panel-head' }, h('h2', { id: 'limits-title' }, 'Budgets and limits'),
      !platform && !readOnly ? h('span', { class: 'muted' }, 'Budgets and rate limits are set by the platform admin.') : null),
    messages,
    h('div', { class: 'form-row' },
      field('Daily budget (USD)', inputs.daily_budget),
      field('Monthly budget (USD)', inputs.monthly_budget),
      field('Requests per minute', inputs.rpm),
      field('Tokens per minute', inputs.tpm)),
    h('div', { class: 'form-row' },
      field('Default max cost per request (USD)', inputs.default_max_cost),
      field('Default strategy', strategy),
      field('Request logging', logging),
      readOnly ? null : h('div', { class: 'field' }, h('span', { class: 'field-spacer', 'aria-hidden': 'true' }), save)));

  async function onSave(event) {
    event.preventDefault();
    if (readOnly) return;
    messages.replaceChildren();
    const body = { version: state.tenant.version, default_max_cost: valueOf(inputs.default_max_cost), default_strategy: strategy.value || null, logging_mode: logging.value };
    if (platform) {
      for (const name of ['daily_budget', 'monthly_budget', 'rpm', 'tpm']) body[name] = valueOf(inputs[name]);
    }
    for (const input of Object.values(inputs)) input.removeAttribute('aria-invalid');
    save.disabled = true;
    try {
      state.tenant = await api('/admin/tenants/' + encodeURIComponent(state.tenant.id), { method: 'PATCH', body });
      messages.appendChild(h('div', { class: 'alert alert-ok', role: 'status', 'data-testid': 'limits-saved' }, 'Saved.'));
    } catch (error) {
      messages.appendChild(errorBox(error));
      for (const e of error.errors || []) inputs[e.field]?.setAttribute('aria-invalid', 'true');
    } finally {
      save.disabled = false;
    }
  }
}

function numberInput(id, value, disabled, step = 'any') {
  return h('input', { id, type: 'number', min: '0', step, value: value ?? '', placeholder: 'none', disabled, 'data-testid': id });
}

function valueOf(input) {
  return input.value === '' ? null : Number(input.value);
}

// ---- Keys ---------------------------------------------------------------------------------------------------------

function keysPanel(tenantId, initialKeys, readOnly) {
  let keys = initialKeys;
  const list = h('div', null);
  const reveal = h('div', { 'aria-live': 'polite' });
  const messages = h('div', null);
  const name = h('input', { id: 'new-key-name', required: true, autocomplete: 'off', placeholder: 'backend-prod', 'data-testid': 'new-key-name' });
  const role = h('select', { id: 'new-key-role', 'data-testid': 'new-key-role' },
    h('option', { value: 'member' }, 'member: model traffic'),
    h('option', { value: 'viewer' }, 'viewer: read the admin API'),
    h('option', { value: 'tenant_admin' }, 'tenant admin: manage this tenant'));
  const create = h('button', { type: 'submit', class: 'btn', 'data-testid': 'new-key-submit' }, 'Create key');

  draw();
  return h('section', { class: 'panel', 'aria-labelledby': 'keys-title', 'data-testid': 'keys-panel' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'keys-title' }, 'API keys'), h('span', { class: 'muted' }, 'Only a key\'s prefix is ever shown after it is created.')),
    reveal,
    messages,
    readOnly ? null : h('form', { class: 'form-row', 'aria-label': 'New key', 'data-testid': 'new-key-form', onsubmit: onCreate },
      field('Key name', name),
      field('Role', role),
      h('div', { class: 'field' }, h('span', { class: 'field-spacer', 'aria-hidden': 'true' }), create)),
    list);

  function draw() {
    list.replaceChildren(table([
      { label: 'Name', key: 'name' },
      { label: 'Prefix', value: k => h('code', null, k.prefix + '…') },
      { label: 'Role', value: k => k.role.replace('_', ' ') },
      { label: 'Status', value: k => status(k) },
      { label: 'Created', value: k => when(k.created_at) },
      { label: 'Expires', value: k => k.expires_at ? when(k.expires_at) : 'never' },
      { label: '', value: k => readOnly || k.revoked_at ? '' : revokeButton(k) },
    ], keys, { testid: 'keys-table', rowTestid: k => 'key-' + k.id, empty: 'No keys yet.' }));
  }

  function status(k) {
    if (k.revoked_at) return h('span', { 'data-testid': 'key-status' }, badge('revoked', 'bad'));
    if (k.expires_at && new Date(k.expires_at) <= new Date()) return h('span', { 'data-testid': 'key-status' }, badge('expired', 'warn'));
    return h('span', { 'data-testid': 'key-status' }, badge('active', 'ok'));
  }

  function revokeButton(k) {
    // Two steps, without a modal: the first press arms the button, the second revokes.
    const button = h('button', { type: 'button', class: 'btn btn-danger btn-small', 'data-testid': 'key-revoke', 'aria-label': `Revoke key ${k.name}` }, 'Revoke');
    let armed = false;
    button.addEventListener('click', async () => {
      if (!armed) {
        armed = true;
        button.textContent = 'Confirm revoke';
        button.setAttribute('data-testid', 'key-revoke-confirm');
        return;
      }
      button.disabled = true;
      messages.replaceChildren();
      try {
        await api(`/admin/tenants/${encodeURIComponent(tenantId)}/keys/${encodeURIComponent(k.id)}/revoke`, { method: 'POST' });
        await reload();
        messages.appendChild(h('div', { class: 'alert alert-ok', role: 'status' }, `Key ${k.name} revoked; it stops working at once.`));
      } catch (error) {
        messages.appendChild(errorBox(error));
        button.disabled = false;
      }
    });
    button.addEventListener('blur', () => {
      if (armed && !button.disabled) {
        armed = false;
        button.textContent = 'Revoke';
        button.setAttribute('data-testid', 'key-revoke');
      }
    });
    return button;
  }

  async function reload() {
    keys = (await api(`/admin/tenants/${encodeURIComponent(tenantId)}/keys`)).data;
    draw();
  }

  async function onCreate(event) {
    event.preventDefault();
    messages.replaceChildren();
    reveal.replaceChildren();
    create.disabled = true;
    try {
      const created = await api(`/admin/tenants/${encodeURIComponent(tenantId)}/keys`, { method: 'POST', body: { name: name.value.trim(), role: role.value } });
      name.value = '';
      reveal.appendChild(secretBox(created));
      await reload();
    } catch (error) {
      messages.appendChild(errorBox(error));
    } finally {
      create.disabled = false;
    }
  }

  function secretBox(created) {
    // The secret lives only in this box: dismissing it, or leaving the page, drops it for good.
    const value = h('code', { 'data-testid': 'new-key-secret' }, created.secret);
    const copy = h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': 'new-key-copy' }, 'Copy');
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(value.textContent);
        copy.textContent = 'Copied';
      } catch {
        copy.textContent = 'Select and copy it by hand';
      }
    });
    const box = h('div', { class: 'alert alert-ok', role: 'status', 'data-testid': 'new-key-reveal' },
      h('p', null, h('strong', null, `Key ${created.name} created. `), 'Copy the secret now: it is shown only this once.'),
      h('div', { class: 'secret' }, value, copy,
        h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-testid': 'new-key-done', onclick: () => box.remove() }, 'Done')));
    return box;
  }
}
