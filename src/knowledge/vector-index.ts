import { dot } from '../core/dot-product.ts';

/** A document as the semantic side sees it: short phrasings it answers (keys) and, optionally, its body. */
export interface DocVectors {
  keys: Float32Array[];
  body?: Float32Array;
}

export interface SemanticMatch {
  /** Best cosine over the keys. */
  key: number;
  /** Which key matched best (e.g. the FAQ phrasing closest to the query). */
  keyIndex: number;
  /** Cosine with the body, or undefined when the document has none. */
  body?: number;
}

function unit(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  const out = new Float32Array(v.length);
  if (norm === 0) return out;
  for (let i = 0; i < v.length; i++) out[i] = v[i] / norm;
  return out;
}

/**
 * Exact cosine search over unit vectors kept per document. Brute force on purpose: a shop's knowledge base holds
 * hundreds to a few thousand documents, where a scan costs well under a millisecond per query and an approximate
 * index would only add build time to every runtime edit.
 */
export class VectorIndex {
  private readonly docs = new Map<string, DocVectors>();

  get size(): number {
    return this.docs.size;
  }

  set(id: string, vectors: DocVectors): void {
    if (vectors.keys.length === 0) throw new Error(`document ${id} needs at least one key vector`);
    this.docs.set(id, { keys: vectors.keys.map(unit), body: vectors.body && unit(vectors.body) });
  }

  delete(id: string): boolean {
    return this.docs.delete(id);
  }

  /** Matches of every document accepted by `filter` (all when omitted). */
  scores(query: Float32Array, filter?: (id: string) => boolean): Map<string, SemanticMatch> {
    const q = unit(query);
    const out = new Map<string, SemanticMatch>();
    for (const [id, doc] of this.docs) {
      if (filter && !filter(id)) continue;
      let key = -Infinity;
      let keyIndex = 0;
      doc.keys.forEach((k, i) => {
        const c = dot(q, k);
        if (c > key) [key, keyIndex] = [c, i];
      });
      out.set(id, { key, keyIndex, body: doc.body && dot(q, doc.body) });
    }
    return out;
  }
}
