import type { Product } from '../knowledge/types.ts';
import type { Encoder } from '../nlu/encoder.ts';
import { cleanText } from '../nlu/text-hygiene.ts';
import { productText } from './product-text.ts';
import { recommendWith, resolveDeps, type RecommenderDeps, type ResolvedDeps } from './recommender-deps.ts';
import type { ScoreComponent } from './score-component.ts';
import { dot, normalize } from './vector-math.ts';
import type { RecommendContext, Recommendation, Recommender } from './types.ts';

interface Embedded {
  text: string;
  vector: Float32Array;
}

/**
 * Content similarity between products (title, category, tags, description embedded once by the injected encoder)
 * and what the customer is looking at: the query and the seed products. A candidate's score is
 *   queryWeight * cos(query, c) + (1 - queryWeight) * mean over seeds of cos(seed, c)
 * (only the parts that are present). New or edited products are embedded on the next call, nothing else is.
 */
export class ContentRecommender implements Recommender, ScoreComponent {
  readonly reason = 'similar' as const;
  private readonly deps: ResolvedDeps;
  private readonly embedded = new Map<string, Embedded>();
  private syncing: Promise<void> = Promise.resolve();

  constructor(private readonly encoder: Encoder, deps: RecommenderDeps) {
    this.deps = resolveDeps(deps);
  }

  /** Embeds products that are new or whose text changed; concurrent callers share one pass. */
  sync(products: readonly Product[] = this.deps.catalog()): Promise<void> {
    const run = this.syncing.then(async () => {
      const stale = products
        .map((p) => ({ id: p.id, text: productText(p) }))
        .filter(({ id, text }) => this.embedded.get(id)?.text !== text);
      if (stale.length === 0) return;
      const vectors = await this.encoder.embed(stale.map((s) => s.text));
      stale.forEach((s, i) => this.embedded.set(s.id, { text: s.text, vector: normalize(vectors[i]) }));
    });
    // A failed pass (encoder error) must not poison every later call; the next call retries the stale products.
    this.syncing = run.catch(() => undefined);
    return run;
  }

  get embeddedCount(): number {
    return this.embedded.size;
  }

  async scores(ctx: RecommendContext, candidates: readonly Product[]): Promise<Map<string, number>> {
    await this.sync();
    const seeds = ctx.seedProductIds.map((id) => this.embedded.get(id)?.vector).filter((v) => v !== undefined);
    const query = ctx.query ? cleanText(ctx.query, 1000) : '';
    const queryVector = query === '' ? undefined : normalize((await this.encoder.embed([query]))[0]);
    if (seeds.length === 0 && queryVector === undefined) return new Map();
    const wq = queryVector === undefined ? 0 : seeds.length === 0 ? 1 : this.deps.options.queryWeight;
    const out = new Map<string, number>();
    for (const p of candidates) {
      const v = this.embedded.get(p.id)?.vector;
      if (!v) continue;
      const seedSim = seeds.length === 0 ? 0 : seeds.reduce((s, sv) => s + dot(sv, v), 0) / seeds.length;
      out.set(p.id, wq * (queryVector ? dot(queryVector, v) : 0) + (1 - wq) * seedSim);
    }
    return out;
  }

  recommend(ctx: RecommendContext, k: number): Promise<Recommendation[]> {
    return recommendWith(this, this.deps, ctx, k);
  }
}
