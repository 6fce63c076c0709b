import { ShopmateError } from '../../core/errors.ts';
import { clusterMessages, type Embed } from '../../feedback/cluster-messages.ts';
import type { Store } from '../../store/store.ts';
import { REVIEW_REASONS, type ReviewItem, type ReviewQuery, type ReviewReason, type TurnRecord } from '../../store/types.ts';

export const REVIEW_PAGE_SIZE = 10;

export interface ReviewFilters {
  reason?: ReviewReason;
  intent?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  /** YYYY-MM-DD, inclusive (the whole day). */
  to?: string;
  page: number;
}

export interface ReviewEntry {
  item: ReviewItem;
  turn: TurnRecord | null;
  /** Turns around the flagged one (2 before, 2 after), oldest first. */
  context: TurnRecord[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Reads filters from a query string; invalid values are a BAD_REQUEST rather than silently ignored. */
export function parseReviewFilters(query: Record<string, unknown>): ReviewFilters {
  const reason = str(query.reason);
  if (reason && !REVIEW_REASONS.includes(reason as ReviewReason)) throw new ShopmateError('BAD_REQUEST', `unknown reason "${reason}"`);
  const from = str(query.from), to = str(query.to);
  for (const d of [from, to]) if (d && (!DAY.test(d) || Number.isNaN(Date.parse(d)))) throw new ShopmateError('BAD_REQUEST', 'dates must be YYYY-MM-DD');
  const page = Math.max(1, Math.floor(Number(str(query.page) || '1')) || 1);
  return { reason: (reason || undefined) as ReviewReason | undefined, intent: str(query.intent) || undefined, from: from || undefined, to: to || undefined, page };
}

export function toReviewQuery(f: ReviewFilters): ReviewQuery {
  return {
    reason: f.reason,
    intent: f.intent,
    from: f.from ? new Date(`${f.from}T00:00:00Z`) : undefined,
    to: f.to ? new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000) : undefined,
    limit: REVIEW_PAGE_SIZE,
    offset: (f.page - 1) * REVIEW_PAGE_SIZE,
  };
}

/** One page of the queue (already sorted by priority by the store) with each item's turn and its surroundings. */
export async function loadReviewPage(store: Pick<Store, 'reviews' | 'turns'>, filters: ReviewFilters): Promise<{ entries: ReviewEntry[]; total: number }> {
  const page = await store.reviews.listOpen(toReviewQuery(filters));
  const entries = await Promise.all(page.items.map(async (item) => {
    const turn = await store.turns.get(item.turnId);
    if (!turn) return { item, turn: null, context: [] };
    const all = await store.turns.listByConversation(turn.conversationId);
    const i = all.findIndex((t) => t.id === turn.id);
    return { item, turn, context: all.slice(Math.max(0, i - 2), i + 3) };
  }));
  return { entries, total: page.total };
}

/** Open items that cluster together: what one operator decision can clear. */
export interface ReviewCluster {
  items: Array<{ id: string; text: string; reason: ReviewReason }>;
  /** Top intent of the first (most urgent) item, to preselect the relabel target. */
  intent: string | null;
}

/** How many open items are clustered at once (the store's page maximum); beyond that the most urgent ones. */
export const CLUSTER_SCAN = 500;

/**
 * Clusters the open items matching the filters (most urgent first) by similar message; only clusters of two or more
 * are returned, largest first, since a single item is decided on its own card.
 */
export async function loadReviewClusters(store: Pick<Store, 'reviews' | 'turns'>, filters: ReviewFilters, embed?: Embed): Promise<ReviewCluster[]> {
  const page = await store.reviews.listOpen({ ...toReviewQuery(filters), limit: CLUSTER_SCAN, offset: 0 });
  const items: Array<{ id: string; text: string; reason: ReviewReason; intent: string | null }> = [];
  for (const item of page.items) {
    const turn = await store.turns.get(item.turnId);
    if (turn && turn.text.trim()) items.push({ id: item.id, text: turn.text, reason: item.reason, intent: item.intent });
  }
  // A turn queued for two reasons is one message: it is clustered (and decided) once per item, shown once per text.
  const clusters = await clusterMessages(items, { embed });
  const byId = new Map(items.map((i) => [i.id, i]));
  return clusters
    .filter((c) => c.ids.length > 1)
    .map((c) => {
      const members = c.ids.map((id) => byId.get(id)!);
      return { items: members.map(({ id, text, reason }) => ({ id, text, reason })), intent: members[0]!.intent };
    })
    .sort((a, b) => b.items.length - a.items.length);
}
