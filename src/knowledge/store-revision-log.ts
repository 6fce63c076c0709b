import type { Store } from '../store/store.ts';
import type { KbContent, KbEntry, KbKind } from './knowledge-base.ts';
import type { NewRevision, Revision, RevisionLog } from './revision-log.ts';

type StoredRevision = Awaited<ReturnType<Store['revisions']['append']>>;
const KB_KINDS: readonly string[] = ['faq', 'policy', 'product'] satisfies KbKind[];

/** The store also keeps revisions of content this knowledge base does not index (orders, the shop profile). */
function isKbRevision(r: StoredRevision): r is StoredRevision & { kind: KbKind } {
  return KB_KINDS.includes(r.kind);
}

function toRevision(r: StoredRevision & { kind: KbKind }): Revision {
  return {
    id: r.id,
    at: r.at.toISOString(),
    kind: r.kind,
    entryId: r.entryId,
    // A store-level 'revert' restores content, which for the index is an update.
    action: r.action === 'revert' ? 'update' : r.action,
    before: r.before as KbContent | null,
    after: r.after as KbContent | null,
    author: r.author,
    ...(r.revertOf === null ? {} : { revertOf: r.revertOf }),
  };
}

/** Knowledge revisions in the database, so operator edits survive restarts and stay revertable. */
export class StoreRevisionLog implements RevisionLog {
  constructor(private readonly store: Store) {}

  async append(revision: NewRevision): Promise<Revision> {
    const saved = await this.store.revisions.append({
      kind: revision.kind,
      entryId: revision.entryId,
      action: revision.action,
      before: revision.before,
      after: revision.after,
      author: revision.author ?? 'unknown',
      at: new Date(revision.at),
      revertOf: revision.revertOf,
    });
    return toRevision({ ...saved, kind: revision.kind });
  }

  async get(id: number): Promise<Revision | undefined> {
    const r = await this.store.revisions.get(id);
    return r && isKbRevision(r) ? toRevision(r) : undefined;
  }

  async list(options: { afterId?: number } = {}): Promise<Revision[]> {
    return (await this.store.revisions.list(options.afterId === undefined ? {} : { afterId: options.afterId })).filter(isKbRevision).map(toRevision);
  }
}

/**
 * The shop files are the baseline; the revision log holds every edit made since. At start-up the edits are applied
 * in order on top of the files, so an FAQ entry an operator added yesterday is still there today.
 */
export function applyRevisions(baseline: KbEntry[], revisions: Revision[]): KbEntry[] {
  const key = (kind: string, id: string) => `${kind}\u0000${id}`;
  const entries = new Map(baseline.map((e) => [key(e.kind, e.entry.id), e]));
  for (const r of revisions) {
    if (r.after === null) entries.delete(key(r.kind, r.entryId));
    else entries.set(key(r.kind, r.entryId), { kind: r.kind, entry: r.after } as KbEntry);
  }
  return [...entries.values()];
}
