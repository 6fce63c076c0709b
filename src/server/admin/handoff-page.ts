import { replyToText } from '../../core/message.ts';
import type { ConversationRecord, HandoffEntry, TurnRecord } from '../../store/types.ts';
import { csrfField, formatDate, formatDuration } from './admin-layout.ts';
import { conversationView, isOperatorTurn } from './conversation-view.ts';
import { MAX_OPERATOR_REPLY_CHARS } from './handoff-inbox.ts';
import { html, type SafeHtml } from './html.ts';
import type { AdminSession } from './session-store.ts';

const href = (id: string) => `/admin/handoffs/${encodeURIComponent(id)}`;

function preview(t: TurnRecord | null): string {
  if (!t) return '';
  const text = isOperatorTurn(t) ? `You: ${t.replies.map(replyToText).join(' ')}` : t.text;
  return text.length > 90 ? `${text.slice(0, 90)}…` : text;
}

export function handoffListPage(entries: Array<HandoffEntry & { lastTurn: TurnRecord | null }>, now: Date): SafeHtml {
  return html`<h1>Handoff inbox</h1><p class="sub">${entries.length} customer${entries.length === 1 ? '' : 's'} waiting for a person, longest waiting first.</p>
${entries.length === 0 ? html`<div class="card"><p>Nobody is waiting. 🎉</p></div>` : html`<div class="card"><table><thead><tr><th>#</th><th>Conversation</th><th>Channel</th><th>Waiting</th><th>Last message</th></tr></thead><tbody>
${entries.map((e) => html`<tr><td class="num">${e.position}</td><td><a href="${href(e.conversation.id)}">${e.conversation.id}</a></td><td>${e.conversation.channel}</td>
<td>${formatDuration(now.getTime() - e.waitingSince.getTime())}</td><td>${preview(e.lastTurn)}</td></tr>`)}</tbody></table></div>`}`;
}

export function handoffConversationPage(options: { session: AdminSession; conversation: ConversationRecord; turns: TurnRecord[]; now: Date }): SafeHtml {
  const { session, conversation: c, turns, now } = options;
  const action = href(c.id);
  const waiting = c.ownership === 'agent';
  const canAct = session.role !== 'viewer';
  return html`<p><a href="/admin/handoffs">← Inbox</a></p>
<div class="spread"><div><h1>Conversation ${c.id}</h1>
<p class="sub">${c.channel} · customer ${c.userId} · <span class="badge ${waiting ? 'candidate' : 'ok'}">${waiting ? `waiting ${formatDuration(now.getTime() - c.ownershipChangedAt.getTime())}` : c.ownership === 'bot' ? 'with the bot' : 'closed'}</span></p></div>
${canAct && waiting ? html`<div class="row">
<form method="post" action="${action}/hand-back">${csrfField(session)}<button type="submit" class="secondary">Hand back to bot</button></form>
<form method="post" action="${action}/close">${csrfField(session)}<button type="submit" class="secondary">Close conversation</button></form></div>` : ''}</div>
<div class="card">${conversationView(turns)}<p class="muted">Last activity ${formatDate(c.lastMessageAt)}</p></div>
${canAct && waiting ? html`<form method="post" action="${action}/reply" class="card faq-form">${csrfField(session)}<input type="hidden" name="back" value="${action}">
<label>Reply to the customer <textarea name="text" maxlength="${MAX_OPERATOR_REPLY_CHARS}" required></textarea></label>
<div><button type="submit">Send reply</button></div></form>` : ''}`;
}
