import { cloneJson } from '../json-value.ts';
import type { RevisionStore } from '../store.ts';
import { newRevisionSchema, parseInput, revisionListSchema } from '../store-schemas.ts';
import type { KnowledgeRevision } from '../types.ts';
import { z } from 'zod';
import type { MemoryState } from './memory-state.ts';

export function memoryRevisionStore(s: MemoryState): RevisionStore {
  return {
    async append(input) {
      const r = parseInput(newRevisionSchema, input, 'knowledge revision');
      const rev: KnowledgeRevision = {
        id: ++s.lastRevisionId,
        at: r.at ?? s.now(),
        kind: r.kind,
        entryId: r.entryId,
        action: r.action,
        before: cloneJson(r.before),
        after: cloneJson(r.after),
        author: r.author,
        revertOf: r.revertOf ?? null,
      };
      s.revisions.push(rev);
      return rev;
    },
    async get(id) {
      const rid = parseInput(z.number().int(), id, 'revision id');
      return s.revisions.find((r) => r.id === rid) ?? null;
    },
    async list(options) {
      const o = parseInput(revisionListSchema, options, 'revision list options');
      const matches = s.revisions.filter(
        (r) =>
          (o.kind === undefined || r.kind === o.kind) &&
          (o.entryId === undefined || r.entryId === o.entryId) &&
          (o.afterId === undefined || r.id > o.afterId),
      );
      return o.limit === undefined ? matches : matches.slice(0, o.limit);
    },
  };
}
