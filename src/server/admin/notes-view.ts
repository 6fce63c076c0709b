import type { OperatorNote } from '../../store/types.ts';
import { csrfField, formatDate } from './admin-layout.ts';
import { html, type SafeHtml } from './html.ts';
import type { AdminSession } from './session-store.ts';

const conversationHref = (id: string) => `/admin/handoffs/${encodeURIComponent(id)}`;

/** What the bot could not finish (the shop's system was down during a cancellation): a person does it by hand. */
export function notesView(notes: OperatorNote[], session: AdminSession): SafeHtml {
  if (notes.length === 0) return html``;
  const canAct = session.role !== 'viewer';
  return html`<h2>Notes from the bot</h2><div class="card"><table><thead><tr><th>When</th><th>Order</th><th>What to do</th><th>Conversation</th><th></th></tr></thead><tbody>
${notes.map((n) => html`<tr data-note="${n.id}"><td>${formatDate(n.createdAt)}</td><td>${n.orderId ?? '—'}</td><td>${n.text}</td>
<td>${n.conversationId ? html`<a href="${conversationHref(n.conversationId)}">${n.conversationId}</a>` : '—'}</td>
<td>${canAct ? html`<form method="post" action="/admin/notes/${encodeURIComponent(n.id)}/resolve">${csrfField(session)}<input type="hidden" name="back" value="/admin/handoffs"><button type="submit">Done</button></form>` : ''}</td></tr>`)}
</tbody></table></div>`;
}
