export interface Bm25Options {
  /** Term-frequency saturation; 1.2 is the usual default. */
  k1?: number;
  /** Length normalisation; 0.75 is the usual default. */
  b?: number;
}

interface DocStats {
  tf: Map<string, number>;
  length: number;
}

/**
 * Okapi BM25 over pre-analysed terms, kept incrementally: adding, replacing or deleting one document updates the
 * postings, document frequencies and total length in O(terms of that document), so a runtime edit never rebuilds the
 * index. IDF is the non-negative Lucene form ln(1 + (N - df + 0.5) / (df + 0.5)).
 */
export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly docs = new Map<string, DocStats>();
  private readonly postings = new Map<string, Map<string, number>>();
  private totalLength = 0;

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
  }

  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  /** Adds or replaces a document. */
  set(id: string, terms: string[]): void {
    this.delete(id);
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [term, count] of tf) {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = new Map()));
      posting.set(id, count);
    }
    this.docs.set(id, { tf, length: terms.length });
    this.totalLength += terms.length;
  }

  delete(id: string): boolean {
    const doc = this.docs.get(id);
    if (!doc) return false;
    for (const term of doc.tf.keys()) {
      const posting = this.postings.get(term)!;
      posting.delete(id);
      if (posting.size === 0) this.postings.delete(term);
    }
    this.docs.delete(id);
    this.totalLength -= doc.length;
    return true;
  }

  /** Number of documents containing the term (exposed for tests of the incremental statistics). */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.size ?? 0;
  }

  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.docs.size - df + 0.5) / (df + 0.5));
  }

  /** BM25 of every document sharing at least one term with the query (others score 0 and are omitted). */
  scores(queryTerms: string[]): Map<string, number> {
    const out = new Map<string, number>();
    if (this.docs.size === 0) return out;
    const avgLength = this.totalLength / this.docs.size || 1;
    for (const term of new Set(queryTerms)) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = this.idf(term);
      for (const [id, tf] of posting) {
        const norm = this.k1 * (1 - this.b + (this.b * this.docs.get(id)!.length) / avgLength);
        out.set(id, (out.get(id) ?? 0) + (idf * tf * (this.k1 + 1)) / (tf + norm));
      }
    }
    return out;
  }

  /**
   * The score no document can reach for this query: every query term at saturation. Dividing by it puts lexical
   * scores in [0, 1) on a per-query scale that does not depend on the best hit, so a weak best match stays weak.
   * Unknown query terms count with the highest idf: words the knowledge base has never seen lower the confidence.
   */
  upperBound(queryTerms: string[]): number {
    let bound = 0;
    for (const term of new Set(queryTerms)) bound += this.idf(term) * (this.k1 + 1);
    return bound;
  }
}
