import type { CustomerExport } from '../../store/types.ts';
import { csrfField } from './admin-layout.ts';
import { html, type SafeHtml } from './html.ts';
import type { AdminSession } from './session-store.ts';

export function privacySearchPage(userId = ''): SafeHtml {
  return html`<h1>Customer data</h1><p class="sub">Export or erase everything stored about one customer (GDPR access and erasure requests).</p>
<form method="get" action="/admin/privacy/customer" class="card row"><label>Customer user id <input name="userId" value="${userId}" required placeholder="e.g. web:3f9c… or a Discord user id"></label>
<button type="submit">Look up</button></form>`;
}

/** Step two: what exists, an export button, and deletion behind typing the id again. */
export function privacyCustomerPage(data: CustomerExport, session: AdminSession): SafeHtml {
  const counts = { conversations: data.conversations.length, messages: data.turns.length, feedback: data.feedback.length, 'review items': data.reviewItems.length, 'shop events': data.events.length };
  const empty = Object.values(counts).every((n) => n === 0);
  return html`${privacySearchPage(data.userId)}
<div class="card"><h2>${data.userId}</h2>
${empty ? html`<p>Nothing is stored about this customer.</p>` : html`<table><tbody>${Object.entries(counts).map(([k, n]) => html`<tr><th>${k}</th><td class="num">${n}</td></tr>`)}</tbody></table>`}
${empty ? '' : html`<div class="actions">
<form method="post" action="/admin/privacy/export">${csrfField(session)}<input type="hidden" name="userId" value="${data.userId}"><button type="submit" class="secondary">Download export (JSON)</button></form></div>
<form method="post" action="/admin/privacy/delete" class="card faq-form" style="margin-top:16px;border-color:#f3b8b0">${csrfField(session)}
<input type="hidden" name="userId" value="${data.userId}"><h2>Delete all data of this customer</h2>
<p class="muted">This removes the conversations, messages, feedback, review items and shop events listed above. It cannot be undone.</p>
<label>Type the user id again to confirm <input name="confirm" required autocomplete="off"></label>
<div><button type="submit" class="danger">Delete permanently</button></div></form>`}</div>`;
}
