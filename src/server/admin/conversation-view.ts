import { replyToText } from '../../core/message.ts';
import type { TurnRecord } from '../../store/types.ts';
import { OPERATOR_MESSAGE_PREFIX } from '../../store/analytics-types.ts';
import { formatDate } from './admin-layout.ts';
import { html, type SafeHtml } from './html.ts';

/** Operator replies are logged as turns without customer text; this prefix on the messageId marks them. */
export { OPERATOR_MESSAGE_PREFIX };

export const isOperatorTurn = (t: Pick<TurnRecord, 'messageId'>) => t.messageId.startsWith(OPERATOR_MESSAGE_PREFIX);

/** The operator's username, stored in the messageId (`operator:<username>:<uuid>`). */
export function operatorOf(t: Pick<TurnRecord, 'messageId'>): string {
  return t.messageId.slice(OPERATOR_MESSAGE_PREFIX.length).split(':')[0] ?? 'operator';
}

/** Renders turns as a chat transcript: customer left, bot and operator right; `focusId` highlights one turn. */
export function conversationView(turns: TurnRecord[], focusId?: string): SafeHtml {
  return html`<div class="convo">${turns.map((t) => {
    if (isOperatorTurn(t)) return t.replies.map((r) => html`<div class="msg agent"><span class="who">${operatorOf(t)} (operator) · ${formatDate(t.at)}</span>${replyToText(r)}</div>`);
    return html`<div class="msg customer ${t.id === focusId ? 'focus' : ''}"><span class="who">customer · ${formatDate(t.at)}</span>${t.text}</div>
${t.replies.map((r) => html`<div class="msg bot"><span class="who">bot</span>${replyToText(r)}</div>`)}`;
  })}</div>`;
}

/** The predicted intent ranking as small bars. */
export function rankingView(turn: TurnRecord): SafeHtml {
  if (turn.intents.length === 0) return html`<p class="muted">Not classified.</p>`;
  return html`<ol class="ranking" aria-label="Predicted intents">${turn.intents.slice(0, 5).map((s) => {
    const pct = Math.round(Math.max(0, Math.min(1, s.score)) * 100);
    return html`<li><span>${s.intent}</span><span class="bar"><span style="width:${pct}%"></span></span><span class="num">${s.score.toFixed(2)}</span></li>`;
  })}</ol>
<p class="muted">${turn.outOfScope ? 'Flagged out of scope' : 'In scope'}${turn.inScopeScore === null ? '' : ` · in-scope score ${turn.inScopeScore.toFixed(2)}`}${turn.modelVersion ? ` · model ${turn.modelVersion}` : ''}</p>`;
}
