import { formatDuration } from './admin-layout.ts';
import type { TurnSentiment } from './conversation-facts.ts';
import type { CustomerInsight } from './customer-insight.ts';
import { html, type SafeHtml } from './html.ts';

export const customerHref = (userId: string) => `/admin/customers/${encodeURIComponent(userId)}`;

const CHURN_CLASS = { high: 'bad', medium: 'candidate', low: 'ok' } as const;

/** "churn risk high" with its reasons in the tooltip and, when `withReasons`, spelled out after it. */
export function churnBadge(churn: CustomerInsight['churn'], withReasons = false): SafeHtml {
  const why = churn.reasons.join(', ');
  return html`<span class="badge ${CHURN_CLASS[churn.level]}" data-churn="${churn.level}" title="${why || 'no warning signs'}">churn risk ${churn.level}</span>${withReasons && why ? html` <span class="muted">${why}</span>` : ''}`;
}

export function sentimentBadge(s: TurnSentiment | null): SafeHtml {
  if (!s) return html`<span class="muted">—</span>`;
  const label = s.angry ? 'angry' : s.label;
  return html`<span class="badge ${s.angry || s.label === 'negative' ? 'bad' : s.label === 'positive' ? 'ok' : ''}" data-sentiment="${label}">${label}</span>`;
}

/** The waiting time, or "answered" once an operator replied and the customer has not written since. */
export function waitingBadge(since: Date | null, now: Date): SafeHtml {
  return since
    ? html`<span class="badge candidate" data-waiting="${String(Math.round((now.getTime() - since.getTime()) / 1000))}">waiting ${formatDuration(now.getTime() - since.getTime())}</span>`
    : html`<span class="badge ok" data-waiting="answered">answered</span>`;
}

/** Sentiment over time as a small inline SVG line (no script, so it works under the dashboard's CSP and in print). */
export function sentimentSparkline(points: CustomerInsight['sentiment']): SafeHtml {
  if (points.length === 0) return html`<p class="muted">No classified messages yet.</p>`;
  const w = 560;
  const h = 80;
  const t0 = points[0]!.at.getTime();
  const span = Math.max(1, points.at(-1)!.at.getTime() - t0);
  const xy = points.map((p) => [points.length === 1 ? w / 2 : ((p.at.getTime() - t0) / span) * (w - 8) + 4, h / 2 - p.score * (h / 2 - 6)] as const);
  const line = xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  return html`<svg viewBox="0 0 ${w} ${h}" width="100%" height="${h}" role="img" aria-label="Sentiment over time, ${points.length} messages" data-sentiment-points="${points.length}">
<line x1="0" y1="${h / 2}" x2="${w}" y2="${h / 2}" stroke="#dfe4e3"/><polyline fill="none" stroke="#1f5f5b" stroke-width="2" points="${line}"/>
${xy.map(([x, y], i) => html`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3.5" fill="${points[i]!.angry ? '#a3261b' : '#1f5f5b'}"><title>${points[i]!.at.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${points[i]!.score.toFixed(2)}${points[i]!.angry ? ' · angry' : ''}</title></circle>`)}</svg>`;
}
