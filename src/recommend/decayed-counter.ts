/**
 * Sums of exponentially decayed weights, updated online in O(1). Each addition at time t contributes
 * w * 2^(-(now - t) / halfLife) when read at `now`. Values are stored relative to a reference time, so time
 * passing needs no update: reading rescales by one factor. The reference moves forward when the stored
 * exponents would overflow a double (about 1000 half-lives later).
 */
export class DecayedCounter {
  private readonly values = new Map<string, number>();
  private ref: number | undefined;

  constructor(private readonly halfLifeMs: number) {}

  add(key: string, atMs: number, weight = 1): void {
    if (weight === 0) return;
    this.ref ??= atMs;
    if (this.exponent(atMs) > 900) this.rebase(atMs);
    this.values.set(key, (this.values.get(key) ?? 0) + weight * 2 ** this.exponent(atMs));
  }

  get(key: string, nowMs: number): number {
    const v = this.values.get(key);
    return v === undefined ? 0 : v * 2 ** -this.exponent(nowMs);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  keys(): IterableIterator<string> {
    return this.values.keys();
  }

  get size(): number {
    return this.values.size;
  }

  /** (t - ref) in half-lives; 0 when decay is disabled (infinite half-life). */
  private exponent(atMs: number): number {
    if (!Number.isFinite(this.halfLifeMs) || this.ref === undefined) return 0;
    return (atMs - this.ref) / this.halfLifeMs;
  }

  private rebase(newRef: number): void {
    const factor = 2 ** -this.exponent(newRef);
    for (const [k, v] of this.values) this.values.set(k, v * factor);
    this.ref = newRef;
  }
}
