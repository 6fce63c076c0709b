import type { AnalyticsWindow, DemandCount, DemandSignal, ModelAggregate, Store } from '../../store/index.ts';
import { DEMAND_SIGNALS } from '../../store/index.ts';
import { DEMAND_RULES } from './demand-rules.ts';

export interface ModelVersionStats {
  version: string;
  messages: number;
  avgConfidence: number | null;
  outOfScopeRate: number | null;
  thumbsUp: number;
  thumbsDown: number;
  thumbsUpRatio: number | null;
}

export interface ProductDemand {
  productId: string;
  total: number;
  totals: Record<DemandSignal, number>;
  /** Per timeline bucket. */
  series: Record<DemandSignal, number[]>;
}

export type Bucket = 'hour' | 'day';

export interface Analytics {
  /** The period asked for: `days` whole UTC days ending with today. */
  range: { from: string; to: string; days: number };
  /** The model version the numbers are filtered to (null = all); `perModel` always compares all of them. */
  model: string | null;
  /**
   * What the charts' time axis spans: the buckets from the first to the last customer turn of the period (the whole
   * period when there is none), by hour when that is at most HOURLY_UP_TO_MS, else by day. `starts` are ISO times.
   */
  timeline: { bucket: Bucket; from: string; to: string; starts: string[] };
  totals: {
    messages: number; conversations: number; operatorReplies: number;
    outOfScopeRate: number | null; handoffRate: number | null;
    thumbsUp: number; thumbsDown: number; thumbsUpRatio: number | null;
    ratings: number; averageRating: number | null; csat: number | null;
  };
  /** Customer messages per timeline bucket, by channel. */
  messages: { channels: Record<string, number[]> };
  topIntents: Array<{ intent: string; count: number }>;
  confidenceHistogram: { bins: string[]; counts: number[] };
  /** Average sentiment (-1 .. +1) per timeline bucket; null where no turn was scored. */
  sentiment: { average: Array<number | null> };
  perModel: ModelVersionStats[];
  /** Price-demand signals per product over the timeline, most signals first. */
  demand: { signals: readonly DemandSignal[]; products: ProductDemand[] };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Data spanning up to three days is drawn by hour: one day of data is 24 bars, not one sliver. */
export const HOURLY_UP_TO_MS = 3 * DAY_MS;
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;

/** Bucket size and the span of the time axis: from the data's first bucket to its last, inside the period. */
export function timelineFor(period: { from: Date; to: Date }, extent: { first: Date | null; last: Date | null }) {
  const first = extent.first?.getTime() ?? period.from.getTime();
  const last = extent.last?.getTime() ?? period.to.getTime() - 1;
  const bucketMs = last - first <= HOURLY_UP_TO_MS - HOUR_MS ? HOUR_MS : DAY_MS;
  const from = floorTo(first, bucketMs);
  const to = floorTo(last, bucketMs) + bucketMs;
  const starts = Array.from({ length: (to - from) / bucketMs }, (_, i) => new Date(from + i * bucketMs).toISOString());
  return { bucket: (bucketMs === HOUR_MS ? 'hour' : 'day') as Bucket, bucketMs, from: new Date(from), to: new Date(to), starts };
}

function modelStats(m: ModelAggregate): ModelVersionStats {
  return {
    version: m.version ?? 'unknown',
    messages: m.messages,
    avgConfidence: m.classified === 0 ? null : m.topScoreSum / m.classified,
    outOfScopeRate: ratio(m.outOfScope, m.messages),
    thumbsUp: m.thumbsUp,
    thumbsDown: m.thumbsDown,
    thumbsUpRatio: ratio(m.thumbsUp, m.thumbsUp + m.thumbsDown),
  };
}

function demandByProduct(rows: DemandCount[], buckets: number): ProductDemand[] {
  const products = new Map<string, ProductDemand>();
  for (const r of rows) {
    const p = products.get(r.productId) ?? {
      productId: r.productId, total: 0,
      totals: Object.fromEntries(DEMAND_SIGNALS.map((s) => [s, 0])) as Record<DemandSignal, number>,
      series: Object.fromEntries(DEMAND_SIGNALS.map((s) => [s, new Array<number>(buckets).fill(0)])) as Record<DemandSignal, number[]>,
    };
    p.total += r.count;
    p.totals[r.signal] += r.count;
    p.series[r.signal][r.bucket]! += r.count;
    products.set(r.productId, p);
  }
  return [...products.values()].sort((a, b) => b.total - a.total || a.productId.localeCompare(b.productId));
}

/**
 * Dashboard numbers for the `days` UTC days ending with today, all aggregated by the store (no turn is loaded).
 * Operator replies are counted apart, never as customer messages; rates are null (not 0) when there is nothing to
 * divide by, so the page can say "no data".
 */
export async function computeAnalytics(store: Pick<Store, 'analytics'>, options: { now: Date; days: number; model?: string | null }): Promise<Analytics> {
  const days = Math.max(1, Math.min(365, Math.floor(options.days)));
  const from = new Date(floorTo(options.now.getTime(), DAY_MS) - (days - 1) * DAY_MS);
  const to = new Date(from.getTime() + days * DAY_MS);
  const model = options.model ?? null;
  const window: AnalyticsWindow = { from, to, ...(model === null ? {} : { modelVersion: model }) };
  const line = timelineFor({ from, to }, await store.analytics.extent(window));
  const spanned = { ...window, from: line.from, to: line.to, bucketMs: line.bucketMs };
  const [agg, models, demand] = await Promise.all([
    store.analytics.aggregate(spanned),
    store.analytics.perModel(window),
    store.analytics.demandSignals({ ...spanned, rules: DEMAND_RULES }),
  ]);
  const n = line.starts.length;
  const channels: Record<string, number[]> = {};
  for (const c of agg.byBucket) (channels[c.channel] ??= new Array<number>(n).fill(0))[c.bucket] = c.count;
  const sentiment = new Array<number | null>(n).fill(null);
  for (const s of agg.sentimentByBucket) sentiment[s.bucket] = s.sum / s.count;
  const f = agg.feedback;
  return {
    range: { from: from.toISOString(), to: to.toISOString(), days },
    model,
    timeline: { bucket: line.bucket, from: line.from.toISOString(), to: line.to.toISOString(), starts: line.starts },
    totals: {
      messages: agg.customerTurns,
      conversations: agg.conversations,
      operatorReplies: agg.operatorTurns,
      outOfScopeRate: ratio(agg.outOfScope, agg.customerTurns),
      handoffRate: ratio(agg.handoffConversations, agg.conversations),
      thumbsUp: f.thumbsUp,
      thumbsDown: f.thumbsDown,
      thumbsUpRatio: ratio(f.thumbsUp, f.thumbsUp + f.thumbsDown),
      ratings: f.ratings,
      averageRating: f.ratings === 0 ? null : f.ratingSum / f.ratings,
      csat: ratio(f.ratingsAtLeast4, f.ratings),
    },
    messages: { channels },
    topIntents: agg.topIntents,
    confidenceHistogram: { bins: agg.confidenceBins.map((_, i) => `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`), counts: agg.confidenceBins },
    sentiment: { average: sentiment },
    perModel: models.map(modelStats),
    demand: { signals: DEMAND_SIGNALS, products: demandByProduct(demand, n) },
  };
}
