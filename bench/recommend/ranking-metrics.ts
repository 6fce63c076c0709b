/** HitRate@k and NDCG@k for a single relevant item per case (the held-out one), averaged over cases. */
export class RankingMetrics {
  private hits = 0;
  private dcg = 0;
  private n = 0;

  constructor(readonly k: number) {}

  add(ranked: string[], relevant: string): void {
    this.n += 1;
    const rank = ranked.slice(0, this.k).indexOf(relevant);
    if (rank < 0) return;
    this.hits += 1;
    // One relevant item: the ideal DCG is 1, so NDCG is the discounted gain of its position.
    this.dcg += 1 / Math.log2(rank + 2);
  }

  get hitRate(): number {
    return this.n === 0 ? 0 : this.hits / this.n;
  }

  get ndcg(): number {
    return this.n === 0 ? 0 : this.dcg / this.n;
  }
}
