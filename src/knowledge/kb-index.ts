import { ShopmateError } from '../core/errors.ts';
import type { Encoder } from '../nlu/encoder.ts';
import { cleanText } from '../nlu/text-hygiene.ts';
import { Bm25Index, type Bm25Options } from './bm25-index.ts';
import { type KbDocument, docKey, toDocument } from './kb-document.ts';
import type { KbEntry, KbKind } from './knowledge-base.ts';
import type { TextAnalyzer } from './text-analyzer.ts';
import { type DocVectors, VectorIndex } from './vector-index.ts';

export interface KbIndexOptions {
  encoder: Encoder;
  analyzer: TextAnalyzer;
  bm25?: Bm25Options;
  /** Weight of the body (FAQ answer, passage, description) in the semantic score; the rest is the best key. */
  bodyWeight: number;
  /** How many times key fields (FAQ questions, headings, titles) count in BM25 relative to body text. */
  questionBoost: number;
  sourceDir: string;
  maxInputChars: number;
}

/** An entry with its embeddings and terms computed, ready to enter the index without further awaits. */
export interface PreparedEntry {
  key: string;
  entry: KbEntry;
  doc: KbDocument;
  vectors: DocVectors;
  terms: string[];
}

export interface Candidate {
  key: string;
  doc: KbDocument;
  entry: KbEntry;
  semantic: number;
  lexical: number;
  keyIndex: number;
}

/**
 * The searchable state: documents plus their semantic and lexical indexes, kept in step. Preparing (embedding) is
 * async and separate from putting, so a failed embedding never leaves the index half-updated and only the changed
 * entries are ever embedded.
 */
export class KbIndex {
  private readonly entries = new Map<string, { entry: KbEntry; doc: KbDocument }>();
  private readonly vectors = new VectorIndex();
  private readonly bm25: Bm25Index;

  constructor(private readonly options: KbIndexOptions) {
    this.bm25 = new Bm25Index(options.bm25);
  }

  get size(): number {
    return this.entries.size;
  }

  private clean(text: string, what: string): string {
    const s = cleanText(text, this.options.maxInputChars);
    if (s === '') throw new ShopmateError('KNOWLEDGE_INVALID', `${what} has no text left after cleaning`);
    return s;
  }

  /** Embeds every key and body text of the entries in one encoder call. */
  async prepare(entries: KbEntry[]): Promise<PreparedEntry[]> {
    const docs = entries.map((e) => toDocument(e, this.options));
    const texts = docs.flatMap((d) => [...d.keyTexts, d.bodyText].map((t) => this.clean(t, `${d.kind} ${d.id}`)));
    const embedded = texts.length === 0 ? [] : await this.options.encoder.embed(texts);
    let at = 0;
    return docs.map((doc, i) => {
      const keys = embedded.slice(at, at + doc.keyTexts.length);
      const body = embedded[at + doc.keyTexts.length];
      at += doc.keyTexts.length + 1;
      const terms = doc.lexical.flatMap((f) => Array.from({ length: f.boost }, () => this.options.analyzer.analyze(f.text)).flat());
      return { key: docKey(doc.kind, doc.id), entry: entries[i], doc, vectors: { keys, body }, terms };
    });
  }

  put(p: PreparedEntry): void {
    this.entries.set(p.key, { entry: p.entry, doc: p.doc });
    this.vectors.set(p.key, p.vectors);
    this.bm25.set(p.key, p.terms);
  }

  delete(kind: KbKind, id: string): boolean {
    const key = docKey(kind, id);
    this.vectors.delete(key);
    this.bm25.delete(key);
    return this.entries.delete(key);
  }

  get(kind: KbKind, id: string): KbEntry | undefined {
    return this.entries.get(docKey(kind, id))?.entry;
  }

  list(kind: KbKind): KbEntry[] {
    return [...this.entries.values()].filter((e) => e.entry.kind === kind).map((e) => e.entry);
  }

  /** Both component scores of every document of the given kinds. */
  candidates(queryVector: Float32Array, queryText: string, kinds?: ReadonlySet<KbKind>): Candidate[] {
    const filter = kinds && ((key: string) => kinds.has(this.entries.get(key)!.entry.kind));
    const semantic = this.vectors.scores(queryVector, filter);
    const terms = this.options.analyzer.analyze(queryText);
    const lexical = this.bm25.scores(terms);
    const bound = this.bm25.upperBound(terms) || 1;
    const w = this.options.bodyWeight;
    return [...semantic].map(([key, m]) => {
      const { entry, doc } = this.entries.get(key)!;
      const sem = m.body === undefined ? m.key : (1 - w) * m.key + w * m.body;
      return { key, doc, entry, semantic: sem, lexical: (lexical.get(key) ?? 0) / bound, keyIndex: m.keyIndex };
    });
  }
}
