import type { PrivacyStore, TurnStore } from '../store/store.ts';
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
}

/**
 * Reads reviewed items from the store. ReviewStore only lists *open* items, so decided ones are reached through
 * the turns: every customer with turns is exported (PrivacyStore.exportCustomer returns their review items of any
 * status with the turns they point at). Read-only; one pass per customer. A `ReviewStore.listDecided()` would make
 * this a single query; until the store has one, this keeps the learning code to the public store contracts.
 */
export class StoreReviewedDataSource implements ReviewedDataSource {
  constructor(private readonly store: { turns: TurnStore; privacy: PrivacyStore }) {}

  async listReviewed(): Promise<ReviewedItem[]> {
    const users = [...new Set((await this.store.turns.list()).map((t) => t.userId))];
    const byId = new Map<string, ReviewedItem>();
    for (const userId of users) {
      const exported = await this.store.privacy.exportCustomer(userId);
      const textOf = new Map(exported.turns.map((t) => [t.id, t.text]));
      for (const item of exported.reviewItems) {
        const text = textOf.get(item.turnId);
        if (item.status === 'open' || item.decision === null || text === undefined) continue;
        // Redacted again: rows logged by an older version (weaker patterns) must not bring personal data into training.
        byId.set(item.id, { itemId: item.id, turnId: item.turnId, text: redact(text), decision: item.decision });
      }
    }
    return [...byId.values()].sort((a, b) => a.decision.at.getTime() - b.decision.at.getTime() || a.itemId.localeCompare(b.itemId));
  }
}
