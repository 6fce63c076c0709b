import { replyToText } from '../../core/message.ts';
import type { ConversationRecord, TurnRecord } from '../../store/types.ts';
import { csrfField, formatDate } from './admin-layout.ts';
import { handoffReasonLabel } from './conversation-facts.ts';
import { conversationView, isOperatorTurn } from './conversation-view.ts';
import { MAX_OPERATOR_REPLY_CHARS, type HandoffDetails, type InboxEntry } from './handoff-inbox.ts';
import { html, type SafeHtml } from './html.ts';
import { churnBadge, customerHref, sentimentBadge, waitingBadge } from './insight-views.ts';
import type { AdminSession } from './session-store.ts';

export const handoffHref = (id: string) => `/admin/handoffs/${encodeURIComponent(id)}`;

function preview(t: TurnRecord | null): string {
  if (!t) return '';
  const text = isOperatorTurn(t) ? `You: ${t.replies.map(replyToText).join(' ')}` : t.text;
  return text.length > 90 ? `${text.slice(0, 90)}…` : text;
}

/** Who the customer is, from what is stored (verified order ids) and what the shop tells (the order's email). */
function customerView(d: Pick<HandoffDetails, 'conversation' | 'verifiedOrderIds' | 'emails'>): SafeHtml {
  const who = d.emails.length > 0 ? d.emails.join(', ') : 'not verified';
  return html`<a href="${customerHref(d.conversation.userId)}">${who}</a>${d.verifiedOrderIds.length > 0 ? html`<div class="muted">orders ${d.verifiedOrderIds.join(', ')}</div>` : ''}`;
}

/** The table the live script swaps in when something happens (also the server-rendered first view). */
export function handoffListFragment(entries: InboxEntry[], now: Date): SafeHtml {
  return html`<p class="sub">${entries.length} customer${entries.length === 1 ? '' : 's'} waiting for a person, longest waiting first.</p>
${entries.length === 0 ? html`<div class="card"><p>Nobody is waiting. 🎉</p></div>` : html`<div class="card"><table><thead><tr><th>#</th><th>Customer</th><th>Reason</th><th>Sentiment</th><th>Churn risk</th><th>Waiting</th><th>Last message</th><th>Conversation</th></tr></thead><tbody>
${entries.map((e) => html`<tr data-conversation="${e.conversation.id}"><td class="num">${e.position}</td><td>${customerView(e)}</td><td>${handoffReasonLabel(e.handoffReason)}</td>
<td>${sentimentBadge(e.sentiment)}</td><td>${churnBadge(e.churn)}</td><td>${waitingBadge(e.awaitingReplySince, now)}</td><td data-last-message>${preview(e.lastTurn)}</td>
<td><a href="${handoffHref(e.conversation.id)}">${e.conversation.id}</a><div class="muted">${e.conversation.channel}</div></td></tr>`)}</tbody></table></div>`}`;
}

/** `data-live` names the fragment to re-fetch when the activity stream reports an event. */
export function handoffListPage(entries: InboxEntry[], now: Date): SafeHtml {
  return html`<h1>Handoff inbox</h1><div data-live="/admin/handoffs?partial=1" aria-live="polite">${handoffListFragment(entries, now)}</div>`;
}

/** The part of a conversation that changes while the operator looks at it: status, customer facts, transcript. */
export function handoffConversationFragment(options: { details: HandoffDetails; turns: TurnRecord[]; now: Date }): SafeHtml {
  const { details: d, turns, now } = options;
  const c: ConversationRecord = d.conversation;
  const status = c.ownership === 'agent' ? waitingBadge(d.awaitingReplySince, now) : html`<span class="badge ok">${c.ownership === 'bot' ? 'with the bot' : 'closed'}</span>`;
  return html`<p class="sub">${c.channel} · customer ${c.userId} · ${status}</p>
<div class="card"><table><tbody>
<tr><th>Customer</th><td>${customerView(d)}</td></tr>
<tr><th>Reason</th><td>${c.ownership === 'agent' ? handoffReasonLabel(d.handoffReason) : '—'}</td></tr>
<tr><th>Sentiment</th><td>${sentimentBadge(d.sentiment)}</td></tr>
<tr><th>Churn risk</th><td>${churnBadge(d.churn, true)}</td></tr></tbody></table></div>
<div class="card">${conversationView(turns)}<p class="muted">Last activity ${formatDate(c.lastMessageAt)}</p></div>`;
}

export function handoffConversationPage(options: { session: AdminSession; details: HandoffDetails; turns: TurnRecord[]; now: Date }): SafeHtml {
  const { session, details } = options;
  const c = details.conversation;
  const action = handoffHref(c.id);
  const waiting = c.ownership === 'agent';
  const canAct = session.role !== 'viewer';
  return html`<p><a href="/admin/handoffs">← Inbox</a></p>
<div class="spread"><h1>Conversation ${c.id}</h1>
${canAct && waiting ? html`<div class="row" data-while-waiting>
<form method="post" action="${action}/hand-back">${csrfField(session)}<button type="submit" class="secondary">Hand back to bot</button></form>
<form method="post" action="${action}/close">${csrfField(session)}<button type="submit" class="secondary">Close conversation</button></form></div>` : ''}</div>
<div data-live="${action}?partial=1" data-conversation="${c.id}" aria-live="polite">${handoffConversationFragment(options)}</div>
${canAct && waiting ? html`<form method="post" action="${action}/reply" class="card faq-form" data-while-waiting>${csrfField(session)}<input type="hidden" name="back" value="${action}">
<label>Reply to the customer <textarea name="text" maxlength="${MAX_OPERATOR_REPLY_CHARS}" required></textarea></label>
<div><button type="submit">Send reply</button></div></form>` : ''}`;
}
