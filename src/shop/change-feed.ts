import type { Logger } from '../core/logger.ts';
import type { Unsubscribe } from './shop-platform.ts';

/** Subscribers of a platform's changes. One listener failing (a bad product in the index) never stops the others. */
export class ChangeFeed<T> {
  private readonly listeners = new Set<(change: T) => void>();

  constructor(
    private readonly what: string,
    private readonly logger: Logger,
  ) {}

  subscribe(listener: (change: T) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(change: T): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (e) {
        this.logger.error(`${this.what} listener failed`, { error: (e as Error).message });
      }
    }
  }
}
