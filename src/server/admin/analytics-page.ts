import type { Analytics } from './compute-analytics.ts';
import { html, type SafeHtml } from './html.ts';
import { formatScalar } from './json-table.ts';

const pct = (x: number | null) => (x === null ? 'no data' : `${(x * 100).toFixed(1)} %`);

function stat(label: string, value: string, note = ''): SafeHtml {
  return html`<div class="card"><div class="muted">${label}</div><div class="stat">${value}</div>${note ? html`<div class="muted">${note}</div>` : ''}</div>`;
}

function chart(id: string, title: string): SafeHtml {
  return html`<section class="card"><h2>${title}</h2><div style="position:relative;height:260px"><canvas id="${id}" role="img" aria-label="${title}"></canvas></div></section>`;
}

/** Totals and the per-version table are rendered on the server (readable without JS); the charts draw from the API. */
export function analyticsPage(a: Analytics): SafeHtml {
  const t = a.totals;
  return html`<div class="spread"><div><h1>Analytics</h1><p class="sub">${a.range.from.slice(0, 10)} to ${a.range.to.slice(0, 10)} (UTC, ${a.range.days} days)</p></div>
<form method="get" action="/admin/analytics" class="row"><label>Period <select name="days">${[7, 30, 90, 365].map((d) => html`<option value="${d}" ${d === a.range.days ? 'selected' : ''}>last ${d} days</option>`)}</select></label><button type="submit" class="secondary">Show</button></form></div>
<div class="grid" data-analytics data-days="${a.range.days}">
${stat('Customer messages', String(t.messages), `${t.conversations} conversations · ${t.operatorReplies} operator replies`)}
${stat('Out-of-scope rate', pct(t.outOfScopeRate), 'of customer messages')}
${stat('Handoff rate', pct(t.handoffRate), 'of conversations')}
${stat('Thumbs-up ratio', pct(t.thumbsUpRatio), `${t.thumbsUp} up · ${t.thumbsDown} down`)}
${stat('CSAT', pct(t.csat), t.ratings > 0 ? `${t.ratings} ratings, average ${formatScalar(t.averageRating)}` : 'no ratings yet')}
</div>
<div class="grid">${chart('chart-messages', 'Messages per day by channel')}${chart('chart-intents', 'Top intents')}
${chart('chart-confidence', 'Confidence of the top intent')}${chart('chart-sentiment', 'Sentiment trend')}</div>
${chart('chart-models', 'Per model version')}
<div class="card"><table><thead><tr><th>Model version</th><th class="num">Messages</th><th class="num">Avg confidence</th><th class="num">Out-of-scope</th><th class="num">Thumbs up / down</th><th class="num">Up ratio</th></tr></thead>
<tbody>${a.perModel.map((m) => html`<tr><td>${m.version}</td><td class="num">${m.messages}</td><td class="num">${formatScalar(m.avgConfidence)}</td><td class="num">${pct(m.outOfScopeRate)}</td><td class="num">${m.thumbsUp} / ${m.thumbsDown}</td><td class="num">${pct(m.thumbsUpRatio)}</td></tr>`)}</tbody></table></div>`;
}
