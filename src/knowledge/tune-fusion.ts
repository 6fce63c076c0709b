import { type ComponentScores, type FusionOptions, fuseScores } from './score-fusion.ts';

/** One labelled dev query: the id it should retrieve and the component scores of every candidate (search with k = all). */
export interface LabelledScores {
  gold: string;
  candidates: Map<string, ComponentScores>;
}

export interface RetrievalMetrics {
  queries: number;
  top1: number;
  top5: number;
  /** Mean reciprocal rank. */
  mrr: number;
}

/** 1-based rank of `gold` under the same ordering search() uses (score, then semantic, then id); Infinity if absent. */
export function rankOf(gold: string, candidates: Map<string, ComponentScores>, score: (id: string) => number): number {
  const g = candidates.get(gold);
  if (!g) return Infinity;
  const gs = score(gold);
  let rank = 1;
  for (const [id, c] of candidates) {
    if (id === gold) continue;
    const s = score(id);
    if (s > gs || (s === gs && (c.semantic > g.semantic || (c.semantic === g.semantic && id < gold)))) rank++;
  }
  return rank;
}

export function metricsOf(ranks: number[]): RetrievalMetrics {
  const n = ranks.length || 1;
  return {
    queries: ranks.length,
    top1: ranks.filter((r) => r <= 1).length / n,
    top5: ranks.filter((r) => r <= 5).length / n,
    mrr: ranks.reduce((s, r) => s + 1 / r, 0) / n,
  };
}

export function evaluateFusion(runs: LabelledScores[], fusion: FusionOptions): RetrievalMetrics {
  return metricsOf(
    runs.map((run) => {
      const fused = fuseScores(run.candidates, fusion);
      return rankOf(run.gold, run.candidates, (id) => fused.get(id)!);
    }),
  );
}

/**
 * How the fusion weight is chosen: grid search of semanticWeight over 0, 0.05, ..., 1 on labelled dev queries, keeping
 * the best top-1 accuracy, then the best MRR, then the weight nearest 0.5 (the least committed). Run it on a dev split
 * only; the chosen weight is then reported on queries it never saw.
 */
export function tuneSemanticWeight(
  runs: LabelledScores[],
  options: { grid?: number[] } = {},
): { semanticWeight: number; dev: RetrievalMetrics } {
  const grid = options.grid ?? Array.from({ length: 21 }, (_, i) => i / 20);
  let best: { semanticWeight: number; dev: RetrievalMetrics } | undefined;
  for (const w of grid) {
    const dev = evaluateFusion(runs, { method: 'weighted', semanticWeight: w, rrfK: 60 });
    const better =
      !best ||
      dev.top1 > best.dev.top1 ||
      (dev.top1 === best.dev.top1 && (dev.mrr > best.dev.mrr || (dev.mrr === best.dev.mrr && Math.abs(w - 0.5) < Math.abs(best.semanticWeight - 0.5))));
    if (better) best = { semanticWeight: w, dev };
  }
  return best!;
}
