import type { ReviewStore } from '../store/store.ts';
import type { ReviewDecision } from '../store/types.ts';
import { redact } from '../feedback/redact.ts';

/** One decided review item with the (already redacted) text of the turn it is about. */
export interface ReviewedItem {
  itemId: string;
  turnId: string;
  text: string;
  decision: ReviewDecision;
}

/** Every reviewed (resolved or dismissed) item, oldest decision first: what the learning loop replays. */
export interface ReviewedDataSource {
  listReviewed(): Promise<ReviewedItem[]>;
  /** How many items were decided after `since` (all when null): the retrain trigger, checked every minute. */
  countSince(since: Date | null): Promise<number>;
}

/** Reads decided review items through the store's index on decision time (never a scan of the turns). */
export class StoreReviewedDataSource implements ReviewedDataSource {
  constructor(private readonly store: { reviews: ReviewStore }) {}

  async listReviewed(): Promise<ReviewedItem[]> {
    return (await this.store.reviews.listDecided()).flatMap(({ item, text }) =>
      // Redacted again: rows logged by an older version (weaker patterns) must not bring personal data into training.
      item.decision ? [{ itemId: item.id, turnId: item.turnId, text: redact(text), decision: item.decision }] : [],
    );
  }

  countSince(since: Date | null): Promise<number> {
    return this.store.reviews.countDecided(since ? { decidedAfter: since } : {});
  }
}
