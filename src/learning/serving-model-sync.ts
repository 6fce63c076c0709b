import type { Logger } from '../core/logger.ts';
import type { IntentClassifier } from '../nlu/intent/intent-classifier.ts';
import type { ModelRegistryStore, SignalStore } from '../store/store.ts';
import type { ModelVersionRecord } from '../store/types.ts';
import { watchChanges } from '../store/watch-changes.ts';
import type { ServingSlot } from './model-promoter.ts';

export interface ServingModelSyncOptions {
  registry: Pick<ModelRegistryStore, 'getServing'>;
  slot: ServingSlot;
  /** Loads a registered version's artifact (from the data dir the instances share). */
  load(record: ModelVersionRecord): Promise<IntentClassifier>;
  logger: Logger;
  /** Promotions and rollbacks signal on 'models': the registry is read at once. */
  signals: Pick<SignalStore, 'subscribe'>;
  /** The safety net for a lost signal: the registry is also read this often. */
  pollMs: number;
}

/**
 * Serves the version the registry marks serving, whoever promoted or rolled it back: another instance's learning
 * loop, the dashboard of another instance, `shopmate rollback`. One indexed read per 'models' signal and per poll; the
 * artifact is loaded only when the version changed, and a version that fails to load is retried on the next poll,
 * never half-installed.
 */
export class ServingModelSync {
  private watch?: { stop(): void };
  private running = false;
  /** The version whose load failed last, so a lasting problem is logged once, not every second. */
  private failed?: string;

  constructor(private readonly o: ServingModelSyncOptions) {}

  start(): void {
    this.watch = watchChanges({
      signals: this.o.signals,
      channel: 'models',
      concerns: (kind) => kind === 'intent',
      run: () => this.check(),
      pollMs: this.o.pollMs,
      onError: (e) => this.o.logger.error('serving model sync failed', { error: e.message }),
    });
  }

  stop(): void {
    this.watch?.stop();
  }

  /** One look at the registry; true when the served model was swapped. */
  async check(): Promise<boolean> {
    if (this.running) return false;
    this.running = true;
    try {
      const record = await this.o.registry.getServing('intent');
      if (!record || record.version === this.o.slot.current().version) return false;
      const model = await this.o.load(record);
      if (model.version !== record.version) {
        throw new Error(`the artifact at ${record.artifactDir} holds version ${model.version}, not ${record.version}`);
      }
      // A local promotion may have installed it while this load ran.
      if (this.o.slot.current().version === record.version) return false;
      const previous = this.o.slot.swap(model);
      this.o.logger.info('serving model synced from the registry', { version: record.version, previous: previous.version });
      this.failed = undefined;
      return true;
    } catch (e) {
      const version = (await this.o.registry.getServing('intent').catch(() => null))?.version;
      if (version !== this.failed) this.o.logger.error('serving model sync failed; retrying every interval', { version, error: (e as Error).message });
      this.failed = version;
      return false;
    } finally {
      this.running = false;
    }
  }
}
