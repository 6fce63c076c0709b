import type { Logger } from '../../core/logger.ts';
import type { Unsubscribe } from '../shop-platform.ts';

/**
 * Change-feed subscribers. A listener that throws is logged and the others still hear the change: one broken index
 * must not make Shopify retry (and re-deliver to everyone) a webhook we did receive.
 */
export class ChangeEmitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private readonly what: string, private readonly logger: Logger) {}

  subscribe(listener: (value: T) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const l of this.listeners) {
      try {
        l(value);
      } catch (e) {
        this.logger.error('shopify: a change listener failed', { what: this.what, error: (e as Error).message });
      }
    }
  }
}
