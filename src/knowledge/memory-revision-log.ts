import type { NewRevision, Revision, RevisionLog } from './revision-log.ts';

/** Revisions in process memory. Copies go in and out so no caller can rewrite history by mutating an object. */
export class MemoryRevisionLog implements RevisionLog {
  private readonly revisions: Revision[] = [];
  private nextId = 1;

  async append(revision: NewRevision): Promise<Revision> {
    const stored: Revision = { id: this.nextId++, ...structuredClone(revision) };
    this.revisions.push(stored);
    return structuredClone(stored);
  }

  async get(id: number): Promise<Revision | undefined> {
    const found = this.revisions.find((r) => r.id === id);
    return found && structuredClone(found);
  }

  async list(options: { afterId?: number } = {}): Promise<Revision[]> {
    return structuredClone(this.revisions.filter((r) => r.id > (options.afterId ?? 0)));
  }
}
