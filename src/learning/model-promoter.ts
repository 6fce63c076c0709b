import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ShopmateError } from '../core/errors.ts';
import type { Encoder } from '../nlu/encoder.ts';
import { loadIntentArtifact } from '../nlu/intent/intent-artifact.ts';
import type { IntentClassifier } from '../nlu/intent/intent-classifier.ts';
import type { TrainedIntentClassifier } from '../nlu/intent/trained-intent-classifier.ts';
import type { ModelRegistryStore } from '../store/store.ts';
import { pointCurrentArtifact } from './candidate-artifacts.ts';
import type { GateDecision } from './gate.ts';
import type { Candidate } from './trainer.ts';

/** The running server's model reference (SwappableIntentModel): one assignment swaps it between two messages. */
export interface ServingSlot {
  current(): IntentClassifier;
  swap(next: IntentClassifier): IntentClassifier;
}

export interface ModelPromoterOptions {
  registry: ModelRegistryStore;
  modelsDir: string;
  encoder: Encoder;
  slot?: ServingSlot;
  prepareModel?: (m: TrainedIntentClassifier) => IntentClassifier;
}

/**
 * Owns every change of the serving model (promotion after a gate, rollback): the registry, the running server's slot
 * and current.json change together, and one change at a time, so a rollback never interleaves with a promotion.
 */
export class ModelPromoter {
  private queue: Promise<unknown> = Promise.resolve();
  /** Serving model when there is no slot (CLI); undefined = not loaded yet. */
  private detached: IntentClassifier | null | undefined;

  constructor(private readonly o: ModelPromoterOptions) {}

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async load(dir: string): Promise<IntentClassifier> {
    const m = await loadIntentArtifact(dir, { expectedEncoderId: this.o.encoder.modelId });
    return this.o.prepareModel ? this.o.prepareModel(m) : m;
  }

  private async serving(): Promise<IntentClassifier | null> {
    if (this.o.slot) return this.o.slot.current();
    if (this.detached === undefined) {
      const record = await this.o.registry.getServing('intent');
      this.detached = record ? await this.load(record.artifactDir) : null;
    }
    return this.detached;
  }

  private install(version: string, model: IntentClassifier): void {
    this.o.slot?.swap(model);
    this.detached = model;
    pointCurrentArtifact(this.o.modelsDir, version);
  }

  /**
   * A model served before the loop ever ran (trained by `shopmate train`) is registered and marked serving, so the
   * gate has something to compare with and a rollback can return to it.
   */
  async adoptExisting(): Promise<void> {
    if (await this.o.registry.getServing('intent')) return;
    const version = this.o.slot?.current().version ?? readCurrentVersion(this.o.modelsDir);
    const dir = version ? join(this.o.modelsDir, version) : '';
    if (!version || !existsSync(join(dir, 'manifest.json'))) return;
    if (!(await this.o.registry.get(version))) {
      await this.o.registry.register({ version, kind: 'intent', metrics: {}, dataSummary: { adopted: true }, artifactDir: dir });
      await this.o.registry.recordGate(version, { passed: true, reason: 'adopted: the model that was serving before the learning loop ran' });
    }
    await this.o.registry.promote(version);
  }

  gateAndPromote(candidate: Candidate, judge: (candidate: IntentClassifier, serving: IntentClassifier | null) => Promise<GateDecision>): Promise<GateDecision> {
    return this.exclusive(async () => {
      const model = await this.load(candidate.dir);
      const decision = await judge(model, await this.serving());
      const { overall, retained, labels, checks, newIntents, evaluated, untrusted } = decision;
      const details = { checks, overall, retained, labels, perIntent: decision.perIntent.slice(0, 25), newIntents, evaluated, untrusted };
      await this.o.registry.recordGate(candidate.version, { passed: decision.promote, reason: decision.reason, details });
      if (decision.promote) {
        await this.o.registry.promote(candidate.version);
        this.install(candidate.version, model);
      }
      return decision;
    });
  }

  /** Loads the kept artifact first (a broken one changes nothing), then makes it serving everywhere at once. */
  async rollback(version: string): Promise<{ version: string; previous: string | null }> {
    const record = await this.o.registry.get(version);
    if (!record || record.kind !== 'intent') throw new ShopmateError('NOT_FOUND', `no intent model version "${version}" in the registry`, { details: { version } });
    if (record.status === 'rejected') throw new ShopmateError('CONFLICT', `version "${version}" was refused by the gate (${record.gate?.reason ?? 'no reason'}); it cannot serve`, { details: { version } });
    const model = await this.load(record.artifactDir);
    return this.exclusive(async () => {
      const previous = (await this.o.registry.getServing('intent'))?.version ?? null;
      await this.o.registry.promote(version);
      this.install(version, model);
      return { version, previous };
    });
  }
}

function readCurrentVersion(modelsDir: string): string | null {
  try {
    const v = JSON.parse(readFileSync(join(modelsDir, 'current.json'), 'utf8')).version;
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}
