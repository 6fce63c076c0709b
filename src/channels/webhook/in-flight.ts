/**
 * Collapses concurrent work on the same key into one execution. The turn log answers a retry once the first
 * delivery finished; this covers the window before that, when a client times out and retries while the first
 * request is still running, which would otherwise run the bot twice.
 */
export class InFlight<T> {
  private readonly running = new Map<string, { owner: string; promise: Promise<T> }>();

  /** `owner` identifies who may share the result; a different owner for the same key gets `onConflict`. */
  run(key: string, owner: string, work: () => Promise<T>, onConflict: () => never): Promise<T> {
    const existing = this.running.get(key);
    if (existing) return existing.owner === owner ? existing.promise : onConflict();
    const promise = work().finally(() => this.running.delete(key));
    this.running.set(key, { owner, promise });
    return promise;
  }

  get size(): number {
    return this.running.size;
  }
}
