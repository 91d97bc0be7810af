// One request: what was asked, what it cost, and its trace (why it went to the model it went to).
import { api } from '../api.js';
import { h, when, errorBox, money, ms, pageHeader } from '../dom.js';
import { renderTrace } from '../trace.js';
import { outcomeBadge } from './requests.js';

export async function render(root, ctx) {
  const { tenant, requestId } = ctx.params;
  root.append(
    h('p', { class: 'breadcrumb' }, h('a', { href: `#/requests?tenant=${encodeURIComponent(tenant)}` }, 'Requests'), ` / ${tenant}`),
    pageHeader(['Request ', h('code', { 'data-testid': 'request-id' }, requestId)]));

  let record;
  try {
    record = await api(`/admin/tenants/${encodeURIComponent(tenant)}/logs/${encodeURIComponent(requestId)}`);
  } catch (error) {
    root.append(errorBox(error));
    return;
  }

  root.append(facts(record));
  if (record.outcome !== 'succeeded' && (record.denial_reason || record.error_kind)) {
    root.append(h('p', { class: 'alert alert-error', role: 'note', 'data-testid': 'request-problem' },
      record.denial_reason ? `Denied: ${record.denial_reason}` : `Failed: ${record.error_kind}`));
  }

  root.append(renderTrace(record.trace, { actualCost: record.actual_cost }));

  if (Array.isArray(record.request_body) && record.request_body.length > 0) {
    root.append(h('details', { class: 'panel conversation' },
      h('summary', {}, `Conversation (${record.request_body.length} message${record.request_body.length === 1 ? '' : 's'}, kept because the tenant logs in full)`),
      ...record.request_body.map((m) => h('div', { class: 'message' }, h('span', { class: 'role' }, m.role), h('pre', {}, m.content ?? '')))));
  }
}

function facts(r) {
  const items = [
    ['When', when(r.timestamp)],
    ['Tenant', r.tenant_id],
    ['Key', h('code', {}, r.key_id ?? '—')],
    ['Surface', r.surface],
    ['Outcome', outcomeBadge(r)],
    ['Model', r.model ? `${r.model} · ${r.provider}` : 'none'],
    ['Tokens', `${r.prompt_tokens} in (${r.cached_tokens} cached) / ${r.completion_tokens} out`],
    ['Latency', `${ms(r.latency_ms)} (first token ${ms(r.ttft_ms)})`],
    ['Estimated cost', money(r.estimated_cost)],
    ['Actual cost', h('strong', { 'data-testid': 'request-actual-cost' }, money(r.actual_cost))],
  ];
  if (r.tags?.length) {
    items.push(['Tags', h('span', { class: 'tags' }, ...r.tags.map((t) => h('span', { class: 'tag' }, t)))]);
  }

  return h('div', { class: 'panel facts-box' }, h('dl', { class: 'facts wide', 'data-testid': 'request-facts' },
    ...items.flatMap(([term, detail]) => [h('dt', {}, term), h('dd', {}, detail)])));
}
