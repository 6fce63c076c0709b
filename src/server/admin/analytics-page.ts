import type { Analytics, ProductDemand } from './compute-analytics.ts';
import { html, type SafeHtml } from './html.ts';
import { formatScalar } from './json-table.ts';

const pct = (x: number | null) => (x === null ? 'no data' : `${(x * 100).toFixed(1)} %`);
const PERIODS: Array<[number, string]> = [[1, 'today'], [7, 'last 7 days'], [30, 'last 30 days'], [90, 'last 90 days'], [365, 'last 365 days']];

/** Column headings of the price-demand table and CSV, in DEMAND_SIGNALS order. */
export const SIGNAL_HEADINGS: Record<string, string> = {
  price_question: 'Price questions', discount_request: 'Discount requests', too_expensive: '"Too expensive"',
  out_of_stock: 'Out-of-stock asks', recommendation_click: 'Recommendation clicks',
};

function stat(label: string, value: string, note = ''): SafeHtml {
  return html`<div class="card"><div class="muted">${label}</div><div class="stat">${value}</div>${note ? html`<div class="muted">${note}</div>` : ''}</div>`;
}

function chart(id: string, title: string): SafeHtml {
  return html`<section class="card"><h2>${title}</h2><div style="position:relative;height:260px"><canvas id="${id}" role="img" aria-label="${title}"></canvas></div></section>`;
}

function filters(a: Analytics): SafeHtml {
  const versions = a.perModel.map((m) => m.version).filter((v) => v !== 'unknown');
  return html`<form method="get" action="/admin/analytics" class="row">
<label>Period <select name="days">${PERIODS.map(([d, label]) => html`<option value="${d}" ${d === a.range.days ? 'selected' : ''}>${label}</option>`)}</select></label>
<label>Model version <select name="model"><option value="">all versions</option>${versions.map((v) => html`<option value="${v}" ${v === a.model ? 'selected' : ''}>${v}</option>`)}</select></label>
<button type="submit" class="secondary">Show</button></form>`;
}

function demandTable(a: Analytics, csvHref: string): SafeHtml {
  const row = (p: ProductDemand) => html`<tr><td>${p.productId}</td>${a.demand.signals.map((s) => html`<td class="num">${p.totals[s]}</td>`)}<td class="num">${p.total}</td></tr>`;
  return html`<section class="card" data-demand><div class="spread"><h2>Price-demand signals per product</h2><a class="button secondary" href="${csvHref}" download>Download CSV</a></div>
${a.demand.products.length === 0 ? html`<p class="muted">No price questions, discount requests, "too expensive" complaints, out-of-stock asks or recommendation clicks in this period.</p>`
    : html`<table><thead><tr><th>Product</th>${a.demand.signals.map((s) => html`<th class="num">${SIGNAL_HEADINGS[s] ?? s}</th>`)}<th class="num">Total</th></tr></thead>
<tbody>${a.demand.products.map(row)}</tbody></table>`}</section>`;
}

/** Totals and the tables are rendered on the server (readable without JS); the charts draw from the API. */
export function analyticsPage(a: Analytics): SafeHtml {
  const t = a.totals;
  const query = new URLSearchParams({ days: String(a.range.days), ...(a.model === null ? {} : { model: a.model }) });
  const per = a.timeline.bucket === 'hour' ? 'hour' : 'day';
  return html`<div class="spread"><div><h1>Analytics</h1><p class="sub">${a.range.from.slice(0, 10)} to ${a.range.to.slice(0, 10)} (UTC, ${a.range.days} ${a.range.days === 1 ? 'day' : 'days'})${a.model === null ? '' : ` · model ${a.model}`} · charts per ${per}</p></div>
${filters(a)}</div>
<div class="grid" data-analytics data-days="${a.range.days}" data-model="${a.model ?? ''}">
${stat('Customer messages', String(t.messages), `${t.conversations} conversations · ${t.operatorReplies} operator replies`)}
${stat('Out-of-scope rate', pct(t.outOfScopeRate), 'of customer messages')}
${stat('Handoff rate', pct(t.handoffRate), 'of conversations')}
${stat('Thumbs-up ratio', pct(t.thumbsUpRatio), `${t.thumbsUp} up · ${t.thumbsDown} down`)}
${stat('CSAT', pct(t.csat), t.ratings > 0 ? `${t.ratings} ratings, average ${formatScalar(t.averageRating)}` : 'no ratings yet')}
</div>
<div class="grid">${chart('chart-messages', `Messages per ${per} by channel`)}${chart('chart-intents', 'Top intents')}
${chart('chart-confidence', 'Confidence of the top intent')}${chart('chart-sentiment', 'Sentiment trend')}</div>
${chart('chart-demand', `Price-demand signals per ${per}`)}
${demandTable(a, `/admin/analytics/demand.csv?${query}`)}
${chart('chart-models', 'Per model version')}
<div class="card"><table><thead><tr><th>Model version</th><th class="num">Messages</th><th class="num">Avg confidence</th><th class="num">Out-of-scope</th><th class="num">Thumbs up / down</th><th class="num">Up ratio</th></tr></thead>
<tbody>${a.perModel.map((m) => html`<tr><td>${m.version}</td><td class="num">${m.messages}</td><td class="num">${formatScalar(m.avgConfidence)}</td><td class="num">${pct(m.outOfScopeRate)}</td><td class="num">${m.thumbsUp} / ${m.thumbsDown}</td><td class="num">${pct(m.thumbsUpRatio)}</td></tr>`)}</tbody></table></div>`;
}
