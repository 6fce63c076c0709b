import { ShopmateError } from '../core/errors.ts';
import { type Logger, silentLogger } from '../core/logger.ts';
import type { Encoder } from '../nlu/encoder.ts';
import { cleanText } from '../nlu/text-hygiene.ts';
import type { Bm25Options } from './bm25-index.ts';
import { type Candidate, KbIndex } from './kb-index.ts';
import { policySentences } from './kb-document.ts';
import type { EditOptions, KbContent, KbEntry, KbHit, KbKind, KnowledgeBase, SearchOptions } from './knowledge-base.ts';
import type { Revision, RevisionLog } from './revision-log.ts';
import { DEFAULT_FUSION, type FusionOptions, fuseScores } from './score-fusion.ts';
import { TextAnalyzer } from './text-analyzer.ts';
import { validateKbEntry } from './validate-kb-entry.ts';
import type { Product } from './types.ts';

export interface HybridKnowledgeBaseOptions {
  encoder: Encoder;
  revisionLog: RevisionLog;
  logger?: Logger;
  /** Clock for revision timestamps (tests pin it). */
  now?: () => Date;
  analyzer?: TextAnalyzer;
  bm25?: Bm25Options;
  fusion?: Partial<FusionOptions>;
  /** Semantic weight of an entry's body against its best key (see KbIndexOptions); default 0.2. */
  bodyWeight?: number;
  /** BM25 repeat count of key fields; default 2. */
  questionBoost?: number;
  /** The knowledge folder's name as operators see it, for hit sources; default "knowledge". */
  sourceDir?: string;
  maxInputChars?: number;
}

/**
 * Hybrid retrieval over FAQ entries, policy passages and products: cosine over encoder embeddings (an FAQ is all its
 * phrasings; best phrasing wins, blended with the answer) plus BM25 over stemmed terms, fused (see score-fusion.ts).
 * Edits embed only the changed entry and update BM25 statistics in place; each is a revision in the injected log.
 */
export class HybridKnowledgeBase implements KnowledgeBase {
  private readonly index: KbIndex;
  private readonly fusion: FusionOptions;
  private readonly encoder: Encoder;
  private readonly log: RevisionLog;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly maxInputChars: number;
  // Edits run one at a time so revision order, log order and index state always agree.
  private queue: Promise<unknown> = Promise.resolve();
  /** The newest revision this index reflects (its own edits and those synced from the log). */
  private seenRevision = 0;

  constructor(options: HybridKnowledgeBaseOptions) {
    this.encoder = options.encoder;
    this.log = options.revisionLog;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
    this.maxInputChars = options.maxInputChars ?? 1000;
    this.fusion = { ...DEFAULT_FUSION, ...options.fusion };
    this.index = new KbIndex({
      encoder: options.encoder,
      analyzer: options.analyzer ?? new TextAnalyzer(),
      bm25: options.bm25,
      bodyWeight: options.bodyWeight ?? 0.2,
      questionBoost: options.questionBoost ?? 2,
      sourceDir: options.sourceDir ?? 'knowledge',
      maxInputChars: this.maxInputChars,
    });
  }

  /**
   * A knowledge base holding `entries` (the loaded files, with the revisions up to `revisionsUpTo` already applied by
   * the caller; later ones are picked up by syncRevisions).
   */
  static async create(options: HybridKnowledgeBaseOptions & { entries: KbEntry[]; revisionsUpTo?: number }): Promise<HybridKnowledgeBase> {
    const kb = new HybridKnowledgeBase(options);
    await kb.load(options.entries);
    kb.seenRevision = options.revisionsUpTo ?? 0;
    return kb;
  }

  /**
   * Applies revisions another process appended to the shared log since this index last looked (`shopmate faq add`,
   * another instance's dashboard), without logging them again. Returns how many were applied.
   */
  syncRevisions(): Promise<number> {
    return this.exclusive(async () => {
      const fresh = await this.log.list({ afterId: this.seenRevision });
      for (const r of fresh) {
        if (r.after === null) this.index.delete(r.kind, r.entryId);
        else this.index.put((await this.index.prepare([validateKbEntry({ kind: r.kind, entry: r.after } as KbEntry)]))[0]);
        this.seenRevision = Math.max(this.seenRevision, r.id);
      }
      if (fresh.length > 0) this.logger.info('knowledge base synced', { revisions: fresh.length, upTo: this.seenRevision });
      return fresh.length;
    });
  }

  private async load(entries: KbEntry[]): Promise<void> {
    const valid = entries.map((e, i) => validateKbEntry(e, `entries[${i}]`));
    const seen = new Set<string>();
    for (const e of valid) {
      const key = `${e.kind}:${e.entry.id}`;
      if (seen.has(key)) throw new ShopmateError('KNOWLEDGE_INVALID', `duplicate ${e.kind} id "${e.entry.id}"`);
      seen.add(key);
    }
    const started = Date.now();
    for (const p of await this.index.prepare(valid)) this.index.put(p);
    this.logger.info('knowledge base indexed', { entries: valid.length, ms: Date.now() - started, encoder: this.encoder.modelId });
  }

  async search(query: string, options: SearchOptions = {}): Promise<KbHit[]> {
    const k = options.k ?? 5;
    if (!Number.isInteger(k) || k < 1) throw new ShopmateError('BAD_REQUEST', `k must be a positive integer, got ${k}`);
    const text = cleanText(query, this.maxInputChars);
    if (text === '' || this.index.size === 0) return [];
    const [vector] = await this.encoder.embed([text]);
    const candidates = this.index.candidates(vector, text, options.kinds && new Set(options.kinds));
    const fused = fuseScores(new Map(candidates.map((c) => [c.key, c])), this.fusion);
    return candidates
      .map((c) => ({ c, score: fused.get(c.key)! }))
      .filter((x) => options.minScore === undefined || x.score >= options.minScore)
      .sort((a, b) => b.score - a.score || b.c.semantic - a.c.semantic || (a.c.key < b.c.key ? -1 : 1))
      .slice(0, k)
      .map(({ c, score }) => toHit(c, score));
  }

  async upsert(entry: KbEntry, options: EditOptions = {}): Promise<Revision> {
    const valid = validateKbEntry(entry);
    return this.exclusive(() => this.apply(valid.kind, valid.entry.id, valid, options));
  }

  remove(kind: KbKind, id: string, options: EditOptions = {}): Promise<Revision> {
    return this.exclusive(async () => {
      if (!this.index.get(kind, id)) throw new ShopmateError('NOT_FOUND', `no ${kind} entry "${id}" to remove`);
      return this.apply(kind, id, null, options);
    });
  }

  revert(revisionId: number, options: EditOptions = {}): Promise<Revision> {
    return this.exclusive(async () => {
      const rev = await this.log.get(revisionId);
      if (!rev) throw new ShopmateError('NOT_FOUND', `no revision ${revisionId}`);
      const target = rev.before === null ? null : ({ kind: rev.kind, entry: rev.before } as KbEntry);
      if (target === null && !this.index.get(rev.kind, rev.entryId)) {
        throw new ShopmateError('CONFLICT', `revision ${revisionId}: ${rev.kind} "${rev.entryId}" is already absent`);
      }
      return this.apply(rev.kind, rev.entryId, target, options, revisionId);
    });
  }

  /**
   * The shop changed a product (live catalog: webhook or poll): index the new version, or drop a removed one. Not a
   * revision: the platform is the record of products, and the next start imports them from it again.
   */
  syncProduct(change: { product: Product } | { removedId: string }): Promise<void> {
    return this.exclusive(async () => {
      if ('removedId' in change) {
        this.index.delete('product', change.removedId);
        return;
      }
      const entry = validateKbEntry({ kind: 'product', entry: change.product });
      this.index.put((await this.index.prepare([entry]))[0]);
    });
  }

  listRevisions(): Promise<Revision[]> {
    return this.log.list();
  }

  async getProduct(id: string): Promise<Product | undefined> {
    const found = this.index.get('product', id);
    return found && (structuredClone(found.entry) as Product);
  }

  /** Every FAQ entry and policy section as search hits see them (id, kind, title, entry), e.g. to pre-compute topics. */
  listAnswers(): Array<{ kind: KbKind; id: string; title: string; entry: unknown }> {
    return (['faq', 'policy'] as const).flatMap((kind) =>
      this.index.list(kind).map((e) => ({ kind, id: e.entry.id, title: e.kind === 'faq' ? e.entry.questions[0] : (e.entry as { title: string }).title, entry: e.entry })),
    );
  }

  async listProducts(): Promise<Product[]> {
    return this.index.list('product').map((e) => structuredClone(e.entry) as Product);
  }

  /** Embed first, then log, then swap into the index: a failure at any step leaves the index as it was. */
  private async apply(kind: KbKind, id: string, target: KbEntry | null, options: EditOptions, revertOf?: number): Promise<Revision> {
    const current = this.index.get(kind, id);
    const prepared = target && (await this.index.prepare([structuredClone(target)]))[0];
    const revision = await this.log.append({
      at: this.now().toISOString(),
      kind,
      entryId: id,
      action: target === null ? 'delete' : current ? 'update' : 'create',
      before: (current?.entry ?? null) as KbContent | null,
      after: target?.entry ?? null,
      ...(options.author === undefined ? {} : { author: options.author }),
      ...(revertOf === undefined ? {} : { revertOf }),
    });
    if (prepared) this.index.put(prepared);
    else this.index.delete(kind, id);
    // Only when nothing was appended in between by someone else; otherwise the next sync brings both (re-applying
    // this one is harmless).
    if (revision.id === this.seenRevision + 1) this.seenRevision = revision.id;
    this.logger.info('knowledge base edited', { revision: revision.id, kind, id, action: revision.action, revertOf });
    return revision;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function toHit(c: Candidate, score: number): KbHit {
  const { doc, entry } = c;
  const faq = entry.kind === 'faq' ? { answer: entry.entry.answer, matched: entry.entry.questions[c.keyIndex] } : {};
  // A policy hit found by one of its sentences names that sentence (key 0 is the heading).
  const sentence = entry.kind === 'policy' && c.keyIndex > 0 ? { matched: policySentences(entry.entry.text)[c.keyIndex - 1] } : {};
  return {
    id: doc.id,
    kind: doc.kind,
    title: doc.title,
    text: doc.text,
    ...faq,
    ...sentence,
    score,
    scores: { semantic: c.semantic, lexical: c.lexical },
    source: { file: doc.file, id: doc.id },
    entry: structuredClone(entry.entry),
  };
}
