import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { silentLogger, type Logger } from '../core/logger.ts';
import type { Encoder } from '../nlu/encoder.ts';
import { cleanText } from '../nlu/text-hygiene.ts';
import { loadSentimentArtifact, saveSentimentArtifact } from '../nlu/sentiment/sentiment-artifact.ts';
import type { SentimentModel } from '../nlu/sentiment/sentiment-model.ts';
import type { SentimentExample } from '../nlu/sentiment/sentiment-types.ts';
import { trainSentimentModel } from '../nlu/sentiment/train-sentiment-model.ts';
import type { ModelRegistryStore } from '../store/store.ts';
import { pointCurrentArtifact } from './candidate-artifacts.ts';
import type { ReviewedDataSource } from './reviewed-data-source.ts';

/** An operator's sentiment correction of one review item, as a training (or held-out) example. */
export interface SentimentCorrectionExample extends SentimentExample {
  itemId: string;
}

/**
 * One correction in four is held out, by a hash of its review item id: the same correction is held out in every run,
 * so the held-out set is never trained on, by the serving model (trained on intents/sentiment before any correction)
 * nor by any candidate. That is the set both are judged on.
 */
export function isHeldOutCorrection(itemId: string): boolean {
  return createHash('sha256').update(itemId).digest()[0]! % 4 === 0;
}

/** Fewer held-out corrections than this cannot tell two models apart; the run then waits for more. */
export const MIN_HELD_OUT = 5;

export interface SentimentScore {
  /** Share of held-out corrections whose negative/neutral/positive reading matches the operator's. */
  accuracy: number;
  /** Share whose angry / not angry matches the operator's. */
  angerAccuracy: number;
}

export interface SentimentRetrainReport {
  corrections: number;
  heldOut: number;
  trained: boolean;
  version: string | null;
  promoted: boolean;
  reason: string;
  candidate: SentimentScore | null;
  serving: SentimentScore | null;
  servingVersion: string | null;
}

export type TrainSentiment = (examples: SentimentExample[], encoder: Encoder, seed: number) => Promise<SentimentModel>;

export interface SentimentLearningOptions {
  registry: ModelRegistryStore;
  reviewed: ReviewedDataSource;
  /** intents/sentiment (read at every run). */
  baseExamples: () => SentimentExample[];
  encoder: Encoder;
  /** <dataDir>/models/sentiment */
  modelsDir: string;
  seed: number;
  train?: TrainSentiment;
  logger?: Logger;
}

const MAX_CHARS = 1000;
const sameText = (t: string) => t.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The sentiment head's learning loop, gated like the intent model's: operator corrections (review decisions
 * `sentiment`) -> candidate trained on intents/sentiment + the training share of the corrections -> both the candidate
 * and the serving model scored on the held-out corrections -> promoted (registry kind 'sentiment', current.json) only
 * when it is no worse on polarity and on anger; otherwise the refusal is recorded.
 */
export class SentimentLearning {
  private readonly logger: Logger;
  constructor(private readonly o: SentimentLearningOptions) {
    this.logger = o.logger ?? silentLogger;
  }

  async corrections(): Promise<SentimentCorrectionExample[]> {
    return (await this.o.reviewed.listReviewed()).flatMap((i) =>
      i.decision.action === 'sentiment' && i.decision.sentiment && i.text.trim()
        ? [{ itemId: i.itemId, text: i.text.trim(), label: i.decision.sentiment.label, angry: i.decision.sentiment.angry }]
        : [],
    );
  }

  async runOnce(): Promise<SentimentRetrainReport> {
    const corrections = await this.corrections();
    const heldOut = corrections.filter((c) => isHeldOutCorrection(c.itemId));
    const base = { corrections: corrections.length, heldOut: heldOut.length, candidate: null, serving: null };
    const serving = await this.servingModel();
    const servingVersion = serving?.version ?? null;
    if (heldOut.length < MIN_HELD_OUT) {
      const reason = `waiting for corrections: ${heldOut.length} held out, ${MIN_HELD_OUT} needed to judge a candidate`;
      return { ...base, trained: false, version: null, promoted: false, reason, servingVersion };
    }
    const candidate = await (this.o.train ?? defaultTrain)(this.trainingExamples(corrections), this.o.encoder, this.o.seed);
    const dir = saveCandidate(candidate, this.o.modelsDir);
    const candScore = await this.score(candidate, heldOut);
    const servScore = serving ? await this.score(serving, heldOut) : null;
    await this.o.registry.register({
      version: candidate.version, kind: 'sentiment', metrics: { ...candidate.info.metrics, heldOut: candScore },
      dataSummary: { corrections: corrections.length, heldOutCorrections: heldOut.length }, artifactDir: dir,
    });
    const passed = !servScore || (candScore.accuracy >= servScore.accuracy && candScore.angerAccuracy >= servScore.angerAccuracy);
    const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
    const reason = !servScore
      ? 'no serving sentiment model to compare with'
      : `${passed ? 'no regression' : 'refused'} on ${heldOut.length} held-out corrections: sentiment ${pct(servScore.accuracy)} -> ${pct(candScore.accuracy)}, anger ${pct(servScore.angerAccuracy)} -> ${pct(candScore.angerAccuracy)}`;
    await this.o.registry.recordGate(candidate.version, { passed, reason, details: { candidate: candScore, serving: servScore, heldOut: heldOut.length } });
    if (passed) {
      await this.o.registry.promote(candidate.version);
      pointCurrentArtifact(this.o.modelsDir, candidate.version);
    }
    this.logger.info('sentiment learning: run finished', { version: candidate.version, promoted: passed, reason });
    return { ...base, trained: true, version: candidate.version, promoted: passed, reason, candidate: candScore, serving: servScore, servingVersion: passed ? candidate.version : servingVersion };
  }

  /** intents/sentiment with the training share of the corrections; a correction replaces a base example of the same text. */
  private trainingExamples(corrections: SentimentCorrectionExample[]): SentimentExample[] {
    const held = new Set(corrections.filter((c) => isHeldOutCorrection(c.itemId)).map((c) => sameText(c.text)));
    const byText = new Map<string, SentimentExample>();
    for (const e of this.o.baseExamples()) byText.set(sameText(e.text), e);
    for (const c of corrections) if (!isHeldOutCorrection(c.itemId)) byText.set(sameText(c.text), { text: c.text, label: c.label, angry: c.angry });
    return [...byText].filter(([key]) => !held.has(key)).map(([, e]) => e);
  }

  private async score(model: SentimentModel, examples: SentimentCorrectionExample[]): Promise<SentimentScore> {
    const texts = examples.map((e) => cleanText(e.text, MAX_CHARS));
    const results = model.predict(await this.o.encoder.embed(texts), texts);
    const share = (hit: (i: number) => boolean) => examples.filter((_, i) => hit(i)).length / examples.length;
    return { accuracy: share((i) => results[i]!.label === examples[i]!.label), angerAccuracy: share((i) => results[i]!.angry === examples[i]!.angry) };
  }

  /** The registry's serving sentiment model, or the one first start trained (adopted into the registry as serving). */
  private async servingModel(): Promise<SentimentModel | null> {
    const expectedEncoderId = this.o.encoder.modelId;
    const record = await this.o.registry.getServing('sentiment');
    if (record) return loadSentimentArtifact(record.artifactDir, { expectedEncoderId });
    const current = join(this.o.modelsDir, 'current.json');
    if (!existsSync(current)) return null;
    const version = JSON.parse(readFileSync(current, 'utf8')).version as string;
    const dir = join(this.o.modelsDir, version);
    const model = loadSentimentArtifact(dir, { expectedEncoderId });
    if (!(await this.o.registry.get(version))) {
      await this.o.registry.register({ version, kind: 'sentiment', metrics: model.info.metrics, dataSummary: { adopted: true }, artifactDir: dir });
      await this.o.registry.recordGate(version, { passed: true, reason: 'adopted: the sentiment model that was serving before the learning loop ran' });
    }
    await this.o.registry.promote(version);
    return model;
  }
}

const defaultTrain: TrainSentiment = (examples, encoder, seed) => trainSentimentModel({ examples, encoder, seed, logger: silentLogger });

/** Saves into a staging folder and moves only the version folder into place: current.json is the gate's to change. */
function saveCandidate(model: SentimentModel, modelsDir: string): string {
  const staging = join(modelsDir, `.staging-${process.pid}-${threadId}-${Date.now()}`);
  mkdirSync(staging, { recursive: true });
  try {
    const saved = saveSentimentArtifact(model, staging);
    const dir = join(modelsDir, saved.version);
    renameSync(saved.dir, dir);
    return dir;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
