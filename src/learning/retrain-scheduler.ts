export interface RetrainScheduleOptions {
  /** Retrain at least this often (ms); undefined = no time trigger. */
  intervalMs?: number;
  /** Retrain once this many reviewed items were decided since the last run; undefined = no count trigger. */
  minNewReviewed?: number;
  /** How often the triggers are checked (ms). */
  checkEveryMs?: number;
}

export interface RetrainSchedulerDeps {
  /** Reviewed items decided since the last run. */
  countNewReviewed(): Promise<number>;
  /** Time of the last run by any instance (null = never). */
  lastRunAt(): Date | null | Promise<Date | null>;
  run(reason: string): Promise<unknown>;
  onError(e: unknown): void;
  now?: () => number;
}

/**
 * Decides *when* to retrain (time and/or new-review-count triggers); the loop decides *whether* a run may start
 * (one at a time). A check that finds a run still going simply waits for the next tick.
 */
export class RetrainScheduler {
  private timer: NodeJS.Timeout | undefined;
  private checking = false;
  private readonly startedAt: number;

  constructor(private readonly options: RetrainScheduleOptions, private readonly deps: RetrainSchedulerDeps) {
    this.startedAt = this.now();
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  start(): void {
    if (this.timer) return;
    const every = this.options.checkEveryMs ?? Math.min(this.options.intervalMs ?? 60_000, 60_000);
    this.timer = setInterval(() => void this.check(), every);
    this.timer.unref(); // the schedule alone must not keep a process alive
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One evaluation of the triggers; returns the reason a run was started, or null. Exposed for tests. */
  async check(): Promise<string | null> {
    if (this.checking) return null;
    this.checking = true;
    try {
      const reason = await this.dueReason();
      if (reason) await this.deps.run(reason);
      return reason;
    } catch (e) {
      this.deps.onError(e);
      return null;
    } finally {
      this.checking = false;
    }
  }

  private async dueReason(): Promise<string | null> {
    const { intervalMs, minNewReviewed } = this.options;
    if (intervalMs !== undefined) {
      const last = (await this.deps.lastRunAt())?.getTime() ?? this.startedAt;
      if (this.now() - last >= intervalMs) return `scheduled: ${Math.round(intervalMs / 1000)} s interval elapsed`;
    }
    if (minNewReviewed !== undefined) {
      const n = await this.deps.countNewReviewed();
      if (n >= minNewReviewed) return `scheduled: ${n} new reviewed items (threshold ${minNewReviewed})`;
    }
    return null;
  }
}
