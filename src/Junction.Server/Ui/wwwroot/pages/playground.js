// Policy playground: write a policy and a sample request, validate it (/x/validate) and see how it ranks the
// catalog (/x/rank, a dry run: no provider is called). The signed-in key's tenant and key layers apply too.
import { api } from '../api.js';
import { h, errorBox, field, pageHeader } from '../dom.js';
import { renderTrace } from '../trace.js';

const SAMPLES = {
  'EU, good quality, cheapest': {
    v: 'junction-pol/v1',
    filter: ['and', ['eq', 'region', 'eu'], ['cmp', 'bench_intelligence', 'ge', 0.5]],
    rank: 'lowest_cost',
  },
  'Tools, OpenAI or Anthropic, fastest': {
    filter: ['and', ['has', 'tools'], ['in', 'provider', ['openai', 'anthropic']]],
    rank: 'fastest',
  },
  'Best quality under 1 cent': {
    rank: 'best_quality',
    max_cost: 0.01,
  },
  'Weighted: quality and cost': {
    filter: ['ne', 'circuit', 'open'],
    rank: ['weighted', [[0.6, ['normalize', ['field', 'bench_intelligence']]], [0.4, 'lowest_cost']]],
  },
  'Invalid (see the errors)': {
    filter: ['cmp', 'provider', 'ge', 1],
    rank: 'cheapest',
  },
};

const STRATEGIES = ['', 'balanced', 'lowest-cost', 'fastest', 'best-quality', 'max-reliability'];
const NEEDS = ['tools', 'vision', 'json_schema', 'json_mode', 'streaming', 'reasoning'];

export async function render(root) {
  root.append(pageHeader('Policy playground'));
  root.append(h('p', { class: 'lead' },
    'Write a junction-pol/v1 policy and a sample request, then rank: the catalog is filtered and ranked exactly as a real request would be, ',
    'under your tenant\'s and key\'s policies too, but no provider is called.'));

  const policy = h('textarea', { id: 'pg-policy', name: 'policy', rows: '10', spellcheck: 'false', class: 'code policy', 'data-testid': 'playground-policy' });
  policy.value = pretty(SAMPLES['EU, good quality, cheapest']);

  const sample = h('select', { id: 'pg-sample', 'data-testid': 'playground-sample' },
    h('option', { value: '' }, 'Load a sample…'),
    ...Object.keys(SAMPLES).map((name) => h('option', { value: name }, name)));
  sample.addEventListener('change', () => {
    if (SAMPLES[sample.value]) {
      policy.value = pretty(SAMPLES[sample.value]);
      policy.focus();
    }
  });

  const strategy = h('select', { id: 'pg-strategy', name: 'strategy', 'data-testid': 'playground-strategy' },
    ...STRATEGIES.map((s) => h('option', { value: s }, s === '' ? 'from the policy' : s)));
  const prompt = h('textarea', { id: 'pg-prompt', name: 'prompt', rows: '2', 'data-testid': 'playground-prompt' });
  prompt.value = 'Summarise our refund policy for a customer in two sentences.';
  const maxTokens = h('input', { id: 'pg-max-tokens', name: 'max_tokens', type: 'number', min: '1', step: '1', inputmode: 'numeric' });
  maxTokens.value = '300';
  const maxCost = h('input', { id: 'pg-max-cost', name: 'max_cost', type: 'number', min: '0', step: 'any', placeholder: 'USD, optional' });
  const forceModel = h('input', { id: 'pg-force', name: 'force_model', placeholder: 'catalog id, optional' });
  const needs = NEEDS.map((need) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', name: 'needs', value: need, 'data-testid': `need-${need}` }), ` ${need}`));

  const result = h('section', { class: 'playground-result', 'aria-live': 'polite', 'data-testid': 'playground-result' },
    h('p', { class: 'muted' }, 'Rank to see which models survive and why the others do not.'));

  const form = h('form', { class: 'panel playground-form', 'data-testid': 'playground-form' },
    h('div', { class: 'field' },
      h('div', { class: 'label-row' }, h('label', { for: 'pg-policy' }, 'Policy (JSON)'), h('label', { for: 'pg-sample', class: 'sr-only' }, 'Sample policies'), sample),
      policy,
      h('small', { class: 'muted' }, 'Ctrl+Enter ranks. "Fields" below lists what a filter or scorer can use.')),
    field('Sample prompt', prompt),
    h('div', { class: 'pair' },
      field('Strategy', strategy),
      field('Max output tokens', maxTokens),
      field('Max cost (USD)', maxCost),
      field('Force model', forceModel)),
    h('fieldset', { class: 'needs' }, h('legend', {}, 'The request needs'), ...needs),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'btn', 'data-testid': 'playground-rank' }, 'Rank'),
      h('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'playground-validate', onclick: () => run(false) }, 'Validate only')));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(true);
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run(true);
    }
  });

  const fields = h('details', { class: 'panel fields', id: 'fields' }, h('summary', {}, 'Fields'));
  fields.addEventListener('toggle', () => loadFields(fields), { once: true });

  root.append(h('div', { class: 'playground' }, h('div', {}, form, fields), result));

  let running = false;
  async function run(rank) {
    if (running) {
      return;
    }

    running = true;
    try {
      await evaluate(rank);
    } finally {
      running = false;
    }

    // Ranked from the bottom of a long form: bring the answer's top into view.
    if (result.getBoundingClientRect().top < 0) {
      result.scrollIntoView({ block: 'start' });
    }
  }

  async function evaluate(rank) {
    result.replaceChildren(h('p', { class: 'muted' }, rank ? 'Ranking…' : 'Validating…'));
    policy.removeAttribute('aria-invalid');
    let parsed;
    try {
      parsed = policy.value.trim() === '' ? {} : JSON.parse(policy.value);
    } catch (error) {
      policy.setAttribute('aria-invalid', 'true');
      result.replaceChildren(policyErrors([{ path: 'policy', message: `Not JSON: ${error.message}`, suggestion: null }]));
      return;
    }

    let validation;
    try {
      validation = await api('/x/validate', { method: 'POST', body: { policy: parsed } });
    } catch (error) {
      result.replaceChildren(errorBox(error));
      return;
    }

    if (!validation.valid) {
      policy.setAttribute('aria-invalid', 'true');
      result.replaceChildren(policyErrors(validation.errors ?? []));
      return;
    }

    const valid = h('div', { class: 'alert alert-ok', 'data-testid': 'policy-valid' },
      h('strong', {}, 'Valid. '), 'Fingerprint ', h('code', { 'data-testid': 'policy-fingerprint' }, validation.fingerprint),
      h('details', {}, h('summary', {}, 'Canonical form'), h('pre', { class: 'code' }, pretty(validation.canonical))));
    if (!rank) {
      result.replaceChildren(valid);
      return;
    }

    const body = { policy: parsed, prompt: prompt.value || 'Hello' };
    if (strategy.value) {
      body.strategy = strategy.value;
    }

    if (maxTokens.value) {
      body.max_tokens = Number(maxTokens.value);
    }

    if (maxCost.value) {
      body.max_cost = Number(maxCost.value);
    }

    if (forceModel.value.trim()) {
      body.force_model = forceModel.value.trim();
    }

    const needed = needs.map((label) => label.querySelector('input')).filter((box) => box.checked).map((box) => box.value);
    if (needed.length > 0) {
      body.needs = needed;
    }

    try {
      const trace = await api('/x/rank', { method: 'POST', body });
      result.replaceChildren(valid, renderTrace(trace, { strategy: strategy.value || strategyOf(parsed) }));
    } catch (error) {
      result.replaceChildren(valid, errorBox(error));
    }
  }

  // The sample ranks at once, so the page opens on an answer rather than an empty pane.
  await run(true);
}

/** JSON for people: objects one member a line, short arrays and objects (predicates, mostly) on one line. */
export function pretty(value, indent = '', used = 0) {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== 'object' || indent.length + used + flat.length <= 76) {
    return flat;
  }

  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((item) => inner + pretty(item, inner)).join(',\n')}\n${indent}]`;
  }

  return `{\n${Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner, k.length + 4)}`).join(',\n')}\n${indent}}`;
}

function strategyOf(policy) {
  return typeof policy.rank === 'string' ? policy.rank : policy.rank ? 'custom scorer' : 'balanced (default)';
}

function policyErrors(errors) {
  return h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': 'policy-errors' },
    h('strong', {}, `The policy is invalid (${errors.length} error${errors.length === 1 ? '' : 's'}).`),
    h('ul', {}, ...errors.map((e) => h('li', { 'data-testid': 'policy-error' },
      h('code', { class: 'path', 'data-testid': 'policy-error-path' }, e.path), ' ', e.message,
      e.suggestion ? h('span', { class: 'muted' }, ` Suggestion: ${e.suggestion}`) : ''))));
}

async function loadFields(details) {
  let list;
  try {
    list = (await api('/x/fields')).data ?? [];
  } catch (error) {
    details.append(errorBox(error));
    return;
  }

  details.append(h('table', { class: 'table compact', 'data-testid': 'fields-table' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Source'),
      h('th', { scope: 'col' }, 'Operators'), h('th', { scope: 'col' }, 'Meaning'))),
    h('tbody', {}, ...list.map((f) => h('tr', {},
      h('td', {}, h('code', {}, f.name)),
      h('td', {}, f.type + (f.unit ? ` (${f.unit})` : '')),
      h('td', {}, f.source),
      h('td', {}, f.operators.join(' ')),
      h('td', {}, f.description))))));
}
