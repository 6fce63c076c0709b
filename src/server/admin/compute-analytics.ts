import type { Store } from '../../store/store.ts';
import type { FeedbackRecord, TurnRecord } from '../../store/types.ts';
import { isOperatorTurn } from './conversation-view.ts';

export interface ModelVersionStats {
  version: string;
  messages: number;
  avgConfidence: number | null;
  outOfScopeRate: number | null;
  thumbsUp: number;
  thumbsDown: number;
  thumbsUpRatio: number | null;
}

export interface Analytics {
  range: { from: string; to: string; days: number };
  totals: {
    messages: number; conversations: number; operatorReplies: number;
    outOfScopeRate: number | null; handoffRate: number | null;
    thumbsUp: number; thumbsDown: number; thumbsUpRatio: number | null;
    ratings: number; averageRating: number | null; csat: number | null;
  };
  messagesPerDay: { days: string[]; channels: Record<string, number[]> };
  topIntents: Array<{ intent: string; count: number }>;
  confidenceHistogram: { bins: string[]; counts: number[] };
  sentimentPerDay: { days: string[]; average: Array<number | null> };
  perModel: ModelVersionStats[];
}

const DAY_MS = 86_400_000;
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** -1 (negative) .. +1 (positive); tolerant of turns logged without sentiment. */
export function sentimentScore(s: unknown): number | null {
  const v = s as { label?: string; scores?: { positive?: number; negative?: number } } | null;
  if (!v || typeof v !== 'object') return null;
  if (v.scores && typeof v.scores.positive === 'number' && typeof v.scores.negative === 'number') return v.scores.positive - v.scores.negative;
  return v.label === 'positive' ? 1 : v.label === 'negative' ? -1 : v.label === 'neutral' ? 0 : null;
}

function dayList(from: Date, days: number): string[] {
  return Array.from({ length: days }, (_, i) => dayOf(new Date(from.getTime() + i * DAY_MS)));
}

function thumbs(feedback: FeedbackRecord[]) {
  const up = feedback.filter((f) => f.kind === 'thumbs' && f.value === 'up').length;
  const down = feedback.filter((f) => f.kind === 'thumbs' && f.value === 'down').length;
  return { thumbsUp: up, thumbsDown: down, thumbsUpRatio: ratio(up, up + down) };
}

function perModel(turns: TurnRecord[], feedback: FeedbackRecord[]): ModelVersionStats[] {
  const turnVersion = new Map(turns.map((t) => [t.id, t.modelVersion ?? 'unknown']));
  const versions = [...new Set(turns.map((t) => t.modelVersion ?? 'unknown'))].sort();
  return versions.map((version) => {
    const mine = turns.filter((t) => (t.modelVersion ?? 'unknown') === version);
    const classified = mine.filter((t) => t.intents.length > 0);
    return {
      version,
      messages: mine.length,
      avgConfidence: mean(classified.map((t) => t.intents[0]!.score)),
      outOfScopeRate: ratio(mine.filter((t) => t.outOfScope).length, mine.length),
      ...thumbs(feedback.filter((f) => turnVersion.get(f.turnId) === version)),
    };
  });
}

/**
 * Dashboard numbers for the `days` UTC days ending with today. Operator replies are counted apart, never as customer
 * messages; rates are null (not 0) when there is nothing to divide by, so the page can say "no data".
 */
export async function computeAnalytics(store: Pick<Store, 'turns' | 'feedback'>, options: { now: Date; days: number }): Promise<Analytics> {
  const days = Math.max(1, Math.min(365, Math.floor(options.days)));
  const from = new Date(Date.parse(dayOf(options.now)) - (days - 1) * DAY_MS);
  const to = new Date(from.getTime() + days * DAY_MS);
  const all = await store.turns.list({ from, to });
  const turns = all.filter((t) => !isOperatorTurn(t));
  const conversations = [...new Set(turns.map((t) => t.conversationId))];
  const inRange = new Set(turns.map((t) => t.id));
  const feedback = (await Promise.all(conversations.map((c) => store.feedback.listByConversation(c)))).flat().filter((f) => inRange.has(f.turnId));

  const dayNames = dayList(from, days);
  const index = new Map(dayNames.map((d, i) => [d, i]));
  const channels: Record<string, number[]> = {};
  const sentiments: number[][] = dayNames.map(() => []);
  const intentCounts = new Map<string, number>();
  const histogram = new Array<number>(10).fill(0);
  for (const t of turns) {
    const i = index.get(dayOf(t.at))!;
    (channels[t.channel] ??= new Array<number>(days).fill(0))[i]! += 1;
    const s = sentimentScore(t.sentiment);
    if (s !== null) sentiments[i]!.push(s);
    const top = t.intents[0];
    if (!top) continue;
    histogram[Math.min(9, Math.max(0, Math.floor(top.score * 10)))]! += 1;
    if (!t.outOfScope) intentCounts.set(top.intent, (intentCounts.get(top.intent) ?? 0) + 1);
  }
  const handoffConversations = new Set(turns.filter((t) => t.replies.some((r) => r.kind === 'handoff')).map((t) => t.conversationId));
  const ratings = feedback.flatMap((f) => (f.kind === 'rating' ? [f.value] : []));
  return {
    range: { from: from.toISOString(), to: to.toISOString(), days },
    totals: {
      messages: turns.length,
      conversations: conversations.length,
      operatorReplies: all.length - turns.length,
      outOfScopeRate: ratio(turns.filter((t) => t.outOfScope).length, turns.length),
      handoffRate: ratio(handoffConversations.size, conversations.length),
      ...thumbs(feedback),
      ratings: ratings.length,
      averageRating: mean(ratings),
      csat: ratio(ratings.filter((r) => r >= 4).length, ratings.length),
    },
    messagesPerDay: { days: dayNames, channels },
    topIntents: [...intentCounts].map(([intent, count]) => ({ intent, count })).sort((a, b) => b.count - a.count || a.intent.localeCompare(b.intent)).slice(0, 10),
    confidenceHistogram: { bins: histogram.map((_, i) => `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`), counts: histogram },
    sentimentPerDay: { days: dayNames, average: sentiments.map(mean) },
    perModel: perModel(turns, feedback),
  };
}
