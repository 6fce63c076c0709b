import { formatDate } from './admin-layout.ts';
import { handoffReasonLabel } from './conversation-facts.ts';
import type { CustomerInsight } from './customer-insight.ts';
import { handoffHref } from './handoff-page.ts';
import { html, type SafeHtml } from './html.ts';
import { churnBadge, sentimentSparkline } from './insight-views.ts';

const list = (items: string[], empty: string) => (items.length > 0 ? items.join(', ') : empty);

/** One customer as the operators see them: who (what is stored, plus the shop's email), what, how they felt, risk. */
export function customerPage(insight: CustomerInsight, emails: string[]): SafeHtml {
  const i = insight;
  return html`<p><a href="/admin/handoffs">← Inbox</a></p>
<h1>Customer ${i.userId}</h1><p class="sub">${churnBadge(i.churn, true)}</p>
<div class="grid"><section class="card"><h2>Orders</h2><table><tbody>
<tr><th>Verified email</th><td data-customer-email>${list(emails, 'not verified')}</td></tr>
<tr><th>Verified orders</th><td>${list(i.verifiedOrderIds, 'none')}</td></tr>
<tr><th>Orders asked about</th><td data-orders-asked>${list(i.ordersAskedAbout, 'none')}</td></tr></tbody></table></section>
<section class="card"><h2>Products of interest</h2>${i.products.length === 0 ? html`<p class="muted">None named yet.</p>` : html`<ol data-products>${i.products.map((p) => html`<li><a href="/products/${encodeURIComponent(p.productId)}">${p.productId}</a> <span class="muted">interest ${p.score.toFixed(2)}</span></li>`)}</ol>`}</section></div>
<section class="card"><h2>Sentiment over time</h2>${sentimentSparkline(i.sentiment)}<p class="muted">From very negative (bottom) to very positive (top); red dots are angry messages.</p></section>
<section class="card"><h2>Conversations</h2><table><thead><tr><th>Conversation</th><th>Channel</th><th>Status</th><th>Handoff reason</th><th class="num">Messages</th><th>Last message</th></tr></thead><tbody>
${i.conversations.map((c) => html`<tr><td><a href="${handoffHref(c.id)}">${c.id}</a></td><td>${c.channel}</td><td>${c.ownership === 'agent' ? 'waiting for a person' : c.ownership === 'bot' ? 'with the bot' : 'closed'}</td>
<td>${c.handoffReason ? handoffReasonLabel(c.handoffReason) : '—'}</td><td class="num">${c.messages}</td><td>${formatDate(c.lastMessageAt)}</td></tr>`)}</tbody></table></section>`;
}
