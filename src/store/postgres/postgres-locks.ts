/**
 * Advisory lock keys. PostgreSQL's advisory locks are one namespace per database shared with any other application
 * using it, so every shopmate lock uses the two-key form with this first key ('shop' in ASCII) and a second key from
 * the list below. Never renumber a key: instances of different builds must agree on them during a rolling update.
 */
export const ADVISORY_LOCK_NAMESPACE = 0x73686f70;

export const ADVISORY_LOCKS = {
  /** Held while migrating, so instances starting together do not race on the schema. */
  migrations: 1,
  /** Held by a knowledge revision append until commit, so revision ids become visible in id order. */
  revisions: 2,
  /** The same for order change appends (the demo shop replays them after a sequence number). */
  orderChanges: 3,
  /** The same for recommender events (the recommender reads them incrementally after an id). */
  events: 4,
  /** The same for widget outbox messages (a widget polls after a sequence number). */
  outbox: 5,
} as const;

/**
 * First key of the per-conversation locks; the second is hashtext(conversation id). A separate namespace, so a
 * conversation whose hash equals one of the keys above never waits for a migration. Two conversations with equal
 * hashes (rare: 32 bits) merely take turns.
 */
export const CONVERSATION_LOCK_NAMESPACE = 0x73686376;
