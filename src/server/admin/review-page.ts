import { REVIEW_REASONS } from '../../store/types.ts';
import { csrfField, formatDate } from './admin-layout.ts';
import { conversationView, rankingView } from './conversation-view.ts';
import type { CustomerInsight } from './customer-insight.ts';
import { churnBadge, customerHref } from './insight-views.ts';
import { html, type SafeHtml } from './html.ts';
import { REVIEW_PAGE_SIZE, type ReviewCluster, type ReviewEntry, type ReviewFilters } from './review-queue.ts';
import type { TurnRecord } from '../../store/types.ts';
import type { AdminSession } from './session-store.ts';

const REASON_LABEL: Record<string, string> = {
  thumbs_down: 'Thumbs down', correction: 'Customer corrected', handoff_after_answer: 'Handoff after answer', repeated: 'Asked again',
  low_confidence: 'Low confidence', out_of_scope: 'Out of scope', clarification: 'Clarification', handoff: 'Handoff',
};
const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

/** What the model read: "negative, angry (anger 0.93)". */
function sentimentRead(turn: TurnRecord): string {
  const s = turn.sentiment as { label?: string; angry?: boolean; angerScore?: number } | null;
  if (!s || typeof s !== 'object' || !s.label) return 'not analysed';
  return `${s.label}${s.angry ? ', angry' : ''}${typeof s.angerScore === 'number' ? ` (anger ${s.angerScore.toFixed(2)})` : ''}`;
}

function sentimentForm(e: ReviewEntry, hidden: SafeHtml, action: string): SafeHtml {
  const read = (e.turn?.sentiment ?? null) as { label?: string } | null;
  return html`<details><summary>Correct sentiment</summary>
<form method="post" action="${action}" class="row">${hidden}<input type="hidden" name="action" value="sentiment">
<span class="muted">Model read: ${e.turn ? sentimentRead(e.turn) : ''}</span>
<label>Sentiment <select name="sentiment" aria-label="Correct sentiment to">${SENTIMENTS.map((l) => html`<option ${l === read?.label ? 'selected' : ''}>${l}</option>`)}</select></label>
<label><span><input type="checkbox" name="angry" value="on"> Angry</span></label>
<button type="submit" class="secondary">Save sentiment</button></form></details>`;
}

function clusterCard(c: ReviewCluster, session: AdminSession, back: string, intents: string[]): SafeHtml {
  const n = c.items.length;
  const texts = [...new Set(c.items.map((i) => i.text))];
  return html`<article class="card" data-review-cluster="${c.items[0]!.id}">
<div class="spread"><strong>“${texts[0]}”</strong><span class="badge" data-cluster-count="${n}">${n} messages</span></div>
<ul class="muted">${texts.slice(1, 4).map((t) => html`<li>“${t}”</li>`)}</ul>
<form method="post" action="/admin/review/cluster" class="row">${csrfField(session)}<input type="hidden" name="back" value="${back}">
<details><summary>All ${n} messages (untick any that do not belong)</summary>${c.items.map((i) => html`<label><span><input type="checkbox" name="members" value="${i.id}" checked> “${i.text}” <span class="badge ${i.reason}">${REASON_LABEL[i.reason]}</span></span></label>`)}</details>
<label>Relabel to <select name="label" aria-label="Relabel cluster to">${intents.map((i) => html`<option ${i === c.intent ? 'selected' : ''}>${i}</option>`)}</select></label>
<button type="submit" name="action" value="relabel">Relabel all</button>
<button type="submit" name="action" value="mark_oos" class="secondary">Mark all out-of-scope</button>
<button type="submit" name="action" value="dismiss" class="secondary">Dismiss all</button></form></article>`;
}

function filterQuery(f: ReviewFilters, page: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ reason: f.reason, intent: f.intent, from: f.from, to: f.to })) if (v) q.set(k, v);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function filterForm(f: ReviewFilters, intents: string[]): SafeHtml {
  return html`<form method="get" action="/admin/review" class="card row" aria-label="Filters">
<label>Reason <select name="reason"><option value="">All reasons</option>${REVIEW_REASONS.map((r) => html`<option value="${r}" ${r === f.reason ? 'selected' : ''}>${REASON_LABEL[r]}</option>`)}</select></label>
<label>Predicted intent <select name="intent"><option value="">All intents</option>${intents.map((i) => html`<option ${i === f.intent ? 'selected' : ''}>${i}</option>`)}</select></label>
<label>From <input type="date" name="from" value="${f.from ?? ''}"></label>
<label>To <input type="date" name="to" value="${f.to ?? ''}"></label>
<button type="submit" class="secondary">Filter</button> <a href="/admin/review">Reset</a></form>`;
}

function bulkForm(session: AdminSession, back: string, intents: string[]): SafeHtml {
  return html`<form method="post" action="/admin/review/bulk" id="bulk" class="card row" aria-label="Bulk actions">${csrfField(session)}
<input type="hidden" name="back" value="${back}">
<label><span><input type="checkbox" data-select-all="ids"> Select all on this page</span></label>
<label>Action <select name="action"><option value="relabel">Relabel to</option><option value="new_intent">New intent</option><option value="mark_oos">Mark out-of-scope</option><option value="dismiss">Dismiss</option></select></label>
<label>Intent <input name="label" list="intent-list" placeholder="intent name"></label>
<datalist id="intent-list">${intents.map((i) => html`<option value="${i}">`)}</datalist>
<button type="submit">Apply to selected</button></form>`;
}

function itemActions(e: ReviewEntry, session: AdminSession, back: string, intents: string[]): SafeHtml {
  const action = `/admin/review/${encodeURIComponent(e.item.id)}/decide`;
  const hidden = html`${csrfField(session)}<input type="hidden" name="back" value="${back}">`;
  const top = e.turn?.intents[0]?.intent;
  return html`<div class="actions">
<form method="post" action="${action}">${hidden}<input type="hidden" name="action" value="relabel">
<label>Relabel to <select name="label" aria-label="Relabel to">${intents.map((i) => html`<option ${i === top ? 'selected' : ''}>${i}</option>`)}</select></label><button type="submit">Relabel</button></form>
<form method="post" action="${action}">${hidden}<input type="hidden" name="action" value="new_intent">
<label>New intent <input name="label" placeholder="snake_case_name" pattern="[a-z][a-z0-9_]{1,63}" required aria-label="New intent name"></label><button type="submit" class="secondary">Create intent</button></form>
<form method="post" action="${action}">${hidden}<input type="hidden" name="action" value="mark_oos"><button type="submit" class="secondary">Mark out-of-scope</button></form>
<form method="post" action="${action}">${hidden}<input type="hidden" name="action" value="dismiss"><button type="submit" class="secondary">Dismiss</button></form>
</div>
<details><summary>Turn into a FAQ entry</summary>
<form method="post" action="${action}" class="faq-form">${hidden}<input type="hidden" name="action" value="new_faq">
<label>Question <input name="question" value="${e.turn?.text ?? ''}" required></label>
<label>Answer <textarea name="answer" required></textarea></label>
<div><button type="submit">Add FAQ entry</button></div></form></details>
${sentimentForm(e, hidden, action)}`;
}

/** Customer insight on a review item: the churn flag, linking to the customer page. */
function customerOf(e: ReviewEntry, churn?: ReadonlyMap<string, CustomerInsight['churn']>): SafeHtml {
  const c = e.turn && churn?.get(e.turn.userId);
  return e.turn && c ? html` · <a href="${customerHref(e.turn.userId)}">customer</a> ${churnBadge(c)}` : html``;
}

function itemCard(e: ReviewEntry, session: AdminSession, back: string, intents: string[], churn?: ReadonlyMap<string, CustomerInsight['churn']>): SafeHtml {
  const canAct = session.role !== 'viewer';
  return html`<article class="card" id="item-${e.item.id}" data-review-item="${e.item.id}">
<div class="spread"><div class="item-head">${canAct ? html`<input type="checkbox" name="ids" value="${e.item.id}" form="bulk" aria-label="Select item">` : ''}
<span class="badge ${e.item.reason}">${REASON_LABEL[e.item.reason]}</span><strong>${e.turn ? `“${e.turn.text}”` : '(turn deleted)'}</strong></div>
<span class="muted">${formatDate(e.item.createdAt)} · ${e.turn?.channel ?? ''} · ${e.turn?.conversationId ?? ''}${customerOf(e, churn)}</span></div>
${e.turn ? html`<div class="grid"><div><h2>Conversation</h2>${conversationView(e.context, e.turn.id)}</div><div><h2>Predicted ranking</h2>${rankingView(e.turn)}<p class="muted">Sentiment: ${sentimentRead(e.turn)}</p></div></div>` : ''}
${canAct ? itemActions(e, session, back, intents) : ''}</article>`;
}

export function reviewPage(options: { session: AdminSession; filters: ReviewFilters; entries: ReviewEntry[]; clusters: ReviewCluster[]; total: number; intents: string[]; churn?: ReadonlyMap<string, CustomerInsight['churn']> }): SafeHtml {
  const { session, filters: f, entries, clusters, total, intents, churn } = options;
  const pages = Math.max(1, Math.ceil(total / REVIEW_PAGE_SIZE));
  const back = `/admin/review${filterQuery(f, f.page)}`;
  return html`<div class="spread"><div><h1>Review queue</h1><p class="sub">${total} open item${total === 1 ? '' : 's'}, most urgent first: thumbs-down, customer corrections, handoffs after an answer, repeated questions, handoffs, out-of-scope, low confidence, clarifications.</p></div></div>
${filterForm(f, intents)}
${session.role !== 'viewer' && clusters.length > 0 ? html`<section aria-label="Similar messages"><h2>Similar messages</h2><p class="sub">One decision clears a whole cluster (each item records it with your name).</p>${clusters.map((c) => clusterCard(c, session, back, intents))}</section>` : ''}
${session.role !== 'viewer' && entries.length > 0 ? bulkForm(session, back, intents) : ''}
${entries.length === 0 ? html`<div class="card"><p>Nothing to review here. 🎉</p></div>` : entries.map((e) => itemCard(e, session, back, intents, churn))}
<nav class="pager" aria-label="Pages">${f.page > 1 ? html`<a class="button secondary" href="/admin/review${filterQuery(f, f.page - 1)}">← Previous</a>` : ''}
<span class="muted">Page ${f.page} of ${pages}</span>${f.page < pages ? html`<a class="button secondary" href="/admin/review${filterQuery(f, f.page + 1)}">Next →</a>` : ''}</nav>`;
}
