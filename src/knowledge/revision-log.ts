import type { KbContent, KbKind } from './knowledge-base.ts';

export type RevisionAction = 'create' | 'update' | 'delete';

/** One change to the knowledge base, enough to show a diff and to undo it. */
export interface Revision {
  /** Monotonic, assigned by the log; later revisions have larger ids. */
  id: number;
  /** ISO timestamp. */
  at: string;
  kind: KbKind;
  entryId: string;
  action: RevisionAction;
  /** The entry before the change (null for create) and after it (null for delete). */
  before: KbContent | null;
  after: KbContent | null;
  author?: string;
  /** Set when this revision undid another one. */
  revertOf?: number;
}

export type NewRevision = Omit<Revision, 'id'>;

/**
 * Where revisions are kept. The knowledge base takes it by injection: memory for tests and the demo, SQLite once the
 * store lands. Implementations assign ids and must keep every appended revision unchanged.
 */
export interface RevisionLog {
  append(revision: NewRevision): Promise<Revision>;
  get(id: number): Promise<Revision | undefined>;
  /** Oldest first; with `afterId`, only revisions appended after that one (what another process added since). */
  list(options?: { afterId?: number }): Promise<Revision[]>;
}
