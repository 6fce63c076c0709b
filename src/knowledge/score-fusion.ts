/**
 * How the semantic and lexical rankings become one.
 * - `weighted`: semanticWeight * semantic + (1 - semanticWeight) * lexical, both on absolute [0, 1] scales (cosine
 *   and BM25 over its per-query upper bound), so the fused score keeps meaning across queries and `minScore` works.
 *   The weight is tuned on a dev split of labelled queries (see tuneSemanticWeight); never on evaluation queries.
 * - `rrf`: reciprocal rank fusion, sum of 1 / (rrfK + rank); needs no tuning but its scores are rank-based only.
 */
export interface FusionOptions {
  method: 'weighted' | 'rrf';
  semanticWeight: number;
  rrfK: number;
}

export interface ComponentScores {
  semantic: number;
  lexical: number;
}

/**
 * Default semantic weight. 0.5 is the neutral prior; the stackfaq benchmark (bench/knowledge/run.ts) tunes it on its
 * dev split and prints the value it found, which is how a shop should pick its own from labelled questions.
 */
export const DEFAULT_FUSION: FusionOptions = { method: 'weighted', semanticWeight: 0.5, rrfK: 60 };

/** 1-based ranks by descending value; documents with no signal (value <= 0 for lexical) get no rank. */
function ranks(ids: string[], value: (id: string) => number, ranked: (v: number) => boolean): Map<string, number> {
  const order = ids.filter((id) => ranked(value(id))).sort((a, b) => value(b) - value(a) || (a < b ? -1 : 1));
  return new Map(order.map((id, i) => [id, i + 1]));
}

/** Fused score of every candidate. */
export function fuseScores(candidates: Map<string, ComponentScores>, options: FusionOptions): Map<string, number> {
  const out = new Map<string, number>();
  if (options.method === 'weighted') {
    const w = options.semanticWeight;
    for (const [id, s] of candidates) out.set(id, w * s.semantic + (1 - w) * s.lexical);
    return out;
  }
  const ids = [...candidates.keys()];
  const semRank = ranks(ids, (id) => candidates.get(id)!.semantic, () => true);
  const lexRank = ranks(ids, (id) => candidates.get(id)!.lexical, (v) => v > 0);
  for (const id of ids) {
    const s = semRank.get(id);
    const l = lexRank.get(id);
    out.set(id, (s ? 1 / (options.rrfK + s) : 0) + (l ? 1 / (options.rrfK + l) : 0));
  }
  return out;
}
