import { randomUUID } from 'node:crypto';
import { isShopmateError, ShopmateError } from '../core/errors.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Encoder } from '../nlu/encoder.ts';
import type { IntentClassifier, LabeledText } from '../nlu/intent/intent-classifier.ts';
import type { TrainedIntentClassifier } from '../nlu/intent/trained-intent-classifier.ts';
import type { InteractionEvent } from '../recommend/index.ts';
import type { EventStore, LeaseStore, ModelRegistryStore } from '../store/store.ts';
import { buildTrainingData, type TrainingDataSummary } from './build-training-data.ts';
import { FaqSync } from './faq-sync.ts';
import type { FrozenRegressionSet, RegressionExample } from './frozen-regression-set.ts';
import { gate, type GateDecision, type GateExample, type GateThresholds } from './gate.ts';
import { listModelVersions, type VersionInfo } from './list-model-versions.ts';
import { ModelPromoter, type ServingSlot } from './model-promoter.ts';
import { RecommenderEventFeed } from './recommender-event-feed.ts';
import { RetrainScheduler, type RetrainScheduleOptions } from './retrain-scheduler.ts';
import { reviewExamples } from './review-examples.ts';
import type { ReviewedDataSource } from './reviewed-data-source.ts';
import type { Trainer } from './trainer.ts';

export interface LearningLoopOptions {
  registry: ModelRegistryStore;
  reviewed: ReviewedDataSource;
  /** The intents/ examples (read at every run, so edits to the files are picked up). */
  baseExamples: () => LabeledText[] | Promise<LabeledText[]>;
  regression: FrozenRegressionSet;
  trainer: Trainer;
  /** Embeds the regression set for the gate (the serving encoder: cached vectors). */
  encoder: Encoder;
  modelsDir: string;
  /** The running server's model reference; without one (CLI) promotion only updates the registry and current.json. */
  slot?: ServingSlot;
  knowledge?: Pick<KnowledgeBase, 'upsert' | 'search'>;
  events?: EventStore;
  recommender?: { recordEvent(e: InteractionEvent): void };
  gate?: Partial<GateThresholds>;
  schedule?: RetrainScheduleOptions;
  /** Applied to every loaded model before gating/serving (e.g. the configured out-of-scope threshold). */
  prepareModel?: (m: TrainedIntentClassifier) => IntentClassifier;
  seed?: number;
  logger?: Logger;
  now?: () => Date;
  /** With several instances on one store: only the holder of the `retrain` lease trains (one leader at a time). */
  leases?: LeaseStore;
  /** This process's name as a lease holder (default: random per process). */
  instanceId?: string;
}

/** Longer than any training run; a leader that dies mid-run frees the lease after this. */
const RETRAIN_LEASE_MS = 2 * 60 * 60_000;

export interface RetrainReport {
  reason: string;
  version: string;
  examples: number;
  newReviewedExamples: number;
  data: TrainingDataSummary;
  /** Wall time of the trainer call (worker start, encoder and cache load, training, saving). */
  trainSeconds: number;
  /** Training alone, as the trainer measured it. */
  modelTrainSeconds: number;
  gate: GateDecision;
  promoted: boolean;
  servingVersion: string | null;
  faqsApplied: number;
  eventsApplied: number;
}

/**
 * The learning loop: reviewed feedback -> replayed training data -> candidate trained off the serving thread ->
 * regression gate -> atomic promotion (or a recorded refusal). One run at a time; rollback to any kept version.
 */
export class LearningLoop {
  private running: Promise<RetrainReport> | null = null;
  private cutoff: Date | null | undefined; // undefined = not read from the registry yet
  private readonly instanceId: string;
  private readonly faqSync: FaqSync | null;
  private readonly eventFeed: RecommenderEventFeed | null;
  private readonly promoter: ModelPromoter;
  private readonly scheduler: RetrainScheduler;
  private readonly logger: Logger;

  constructor(private readonly options: LearningLoopOptions) {
    this.logger = options.logger ?? silentLogger;
    this.instanceId = options.instanceId ?? `instance-${randomUUID()}`;
    this.faqSync = options.knowledge ? new FaqSync(options.knowledge) : null;
    this.eventFeed = options.events && options.recommender ? new RecommenderEventFeed(options.events, options.recommender) : null;
    this.promoter = new ModelPromoter({ registry: options.registry, modelsDir: options.modelsDir, encoder: options.encoder, slot: options.slot, prepareModel: options.prepareModel });
    this.scheduler = new RetrainScheduler(options.schedule ?? {}, {
      countNewReviewed: () => this.countNewReviewed(),
      lastRunAt: () => this.lastRunAt(),
      run: async (reason) => {
        try {
          await this.runOnce({ reason });
        } catch (e) {
          if (isShopmateError(e) && e.details?.lease === 'retrain') return this.logger.info('scheduled retrain skipped: another instance is retraining');
          throw e;
        }
      },
      onError: (e) => this.logger.error('scheduled retrain failed', { error: (e as Error).message }),
    });
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Starts a run, or returns the run already in progress (never two at once). */
  runOnce(options: { reason?: string } = {}): Promise<RetrainReport> {
    if (this.running) return this.running;
    const run = this.leading(() => this.execute(options.reason ?? 'on demand')).finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  async rollback(version: string): Promise<{ version: string; previous: string | null }> {
    return this.promoter.rollback(version);
  }

  listVersions(): Promise<VersionInfo[]> {
    return listModelVersions(this.options.registry);
  }

  start(): void {
    this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
  }

  /** One check of the schedule's triggers (what the timer does); exposed for tests and admin tools. */
  checkSchedule(): Promise<string | null> {
    return this.scheduler.check();
  }

  async countNewReviewed(): Promise<number> {
    const since = await this.since();
    return this.options.reviewed.countSince(since);
  }

  private async execute(reason: string): Promise<RetrainReport> {
    const o = this.options;
    const eventsApplied = (await this.eventFeed?.sync()) ?? 0;
    const items = await o.reviewed.listReviewed();
    const { examples: reviewed, faqs } = reviewExamples(items);
    const faqsApplied = (await this.faqSync?.apply(faqs)) ?? 0;
    const base = await o.baseExamples();
    const split = o.regression.update(base, reviewed);
    const since = await this.since();
    const data = buildTrainingData({ base, reviewed, split, since, seed: o.seed ?? 42 });
    await this.promoter.adoptExisting();
    this.logger.info('learning loop: training candidate', { reason, ...data.summary });
    const started = performance.now();
    const candidate = await o.trainer.train(data);
    const trainSeconds = (performance.now() - started) / 1000;
    const until = items.reduce<Date | null>((m, i) => (m === null || i.decision.at > m ? i.decision.at : m), since);
    await o.registry.register({
      version: candidate.version,
      kind: 'intent',
      metrics: { ...candidate.metrics, trainSeconds },
      dataSummary: { ...data.summary, reason, reviewedUntil: until?.toISOString() ?? null },
      artifactDir: candidate.dir,
    });
    const decision = await this.promoter.gateAndPromote(candidate, async (cand, serving) =>
      gate(cand, serving, await this.withTrust(split.examples, serving), { ...o.gate, encoder: o.encoder }),
    );
    this.cutoff = until;
    this.logger.info('learning loop: run finished', { version: candidate.version, promoted: decision.promote, reason: decision.reason });
    return {
      reason,
      version: candidate.version,
      examples: data.examples.length,
      newReviewedExamples: data.summary.newReviewedExamples,
      data: data.summary,
      trainSeconds,
      modelTrainSeconds: candidate.trainSeconds,
      gate: decision,
      promoted: decision.promote,
      servingVersion: (await o.registry.getServing('intent'))?.version ?? null,
      faqsApplied,
      eventsApplied,
    };
  }

  /**
   * Marks which regression examples the gate may believe: intents/ always, golden examples only when the serving
   * model was trained on their stage (decided by its data cut-off). Later ones carry the labels under judgement.
   */
  private async withTrust(examples: readonly RegressionExample[], serving: IntentClassifier | null): Promise<GateExample[]> {
    const record = serving ? await this.options.registry.get(serving.version) : null;
    const until = record ? (readUntil(record.dataSummary) ?? null) : null;
    return examples.map((e) => ({ ...e, trusted: e.source === 'intents' || (until !== null && e.decidedAt !== undefined && e.decidedAt <= until) }));
  }

  /** Runs `fn` holding the retrain lease when instances share the store; CONFLICT while another instance holds it. */
  private async leading<T>(fn: () => Promise<T>): Promise<T> {
    const leases = this.options.leases;
    if (!leases) return fn();
    if (!(await leases.tryAcquire('retrain', this.instanceId, RETRAIN_LEASE_MS))) {
      throw new ShopmateError('CONFLICT', 'another instance is retraining right now; try again when it has finished', { details: { lease: 'retrain' } });
    }
    try {
      return await fn();
    } finally {
      await leases.release('retrain', this.instanceId).catch((e: unknown) => this.logger.error('retrain lease release failed', { error: (e as Error).message }));
    }
  }

  /** When any instance last trained a candidate: the newest registered intent version. */
  private async lastRunAt(): Promise<Date | null> {
    const newest = (await this.options.registry.list({ kind: 'intent' }))[0];
    return newest && readUntil(newest.dataSummary) !== undefined ? newest.createdAt : null;
  }

  /**
   * The previous run's cut-off, from the newest registered version (so it survives restarts). Re-read while no run of
   * this process set it: another instance's runs move it on.
   */
  private async since(): Promise<Date | null> {
    if (this.cutoff !== undefined && !this.options.leases) return this.cutoff;
    const newest = (await this.options.registry.list({ kind: 'intent' })).find((r) => readUntil(r.dataSummary) !== undefined);
    this.cutoff = newest ? (readUntil(newest.dataSummary) ?? null) : null;
    return this.cutoff;
  }
}

function readUntil(summary: unknown): Date | null | undefined {
  if (typeof summary !== 'object' || summary === null || !('reviewedUntil' in summary)) return undefined;
  const v = (summary as { reviewedUntil: unknown }).reviewedUntil;
  if (v === null) return null;
  if (typeof v !== 'string') throw new ShopmateError('INTERNAL', `registry dataSummary.reviewedUntil is not a date: ${JSON.stringify(v)}`);
  return new Date(v);
}
