import type { InteractionEvent } from '../recommend/index.ts';
import type { EventStore } from '../store/store.ts';

/**
 * Feeds logged purchases and clicks into the recommender's popularity and co-purchase statistics incrementally:
 * it remembers the last event id it passed on and only reads newer ones. The cursor lives as long as the
 * recommender (both are in memory), so a restarted process replays all events into its fresh recommender.
 */
export class RecommenderEventFeed {
  private lastId = 0;

  constructor(private readonly events: EventStore, private readonly recommender: { recordEvent(e: InteractionEvent): void }) {}

  get lastEventId(): number {
    return this.lastId;
  }

  async sync(): Promise<number> {
    // Filtered by id, not by time: an event logged late with an earlier timestamp must not be skipped.
    const events = (await this.events.list({ afterId: this.lastId })).sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
    for (const e of events) {
      this.recommender.recordEvent({ userId: e.userId, productId: e.productId, kind: e.kind, at: e.at });
      this.lastId = Math.max(this.lastId, e.id);
    }
    return events.length;
  }
}
