import type { Logger } from '../../core/logger.ts';
import type { Unsubscribe } from '../shop-platform.ts';

/** Subscribers of one change feed. A listener that throws is logged and does not stop the others. */
export class Listeners<T> {
  private readonly set = new Set<(change: T) => void>();

  constructor(private readonly logger: Logger, private readonly feed: string) {}

  add(listener: (change: T) => void): Unsubscribe {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(change: T): void {
    for (const l of this.set) {
      try {
        l(change);
      } catch (e) {
        this.logger.error('shop change listener failed', { feed: this.feed, error: (e as Error).message });
      }
    }
  }
}
