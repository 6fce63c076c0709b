import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { ShopmateError } from '../../core/errors.ts';
import { LEXICAL_FEATURE_NAMES } from './lexical-features.ts';
import { buildHead, inputDim, SentimentModel } from './sentiment-model.ts';
import { SENTIMENT_LABELS } from './sentiment-types.ts';

export const SENTIMENT_FORMAT_VERSION = 1;
const WEIGHTS_FILE = 'weights.bin';

const manifestSchema = z.object({
  formatVersion: z.literal(SENTIMENT_FORMAT_VERSION),
  kind: z.literal('shopmate-sentiment'),
  version: z.string().regex(/^[\w.-]+$/),
  createdAt: z.string(),
  encoderId: z.string().min(1),
  encoderDim: z.number().int().positive(),
  labels: z.array(z.string()),
  features: z.object({
    lexical: z.boolean(),
    lexicalFeatureNames: z.array(z.string()),
    hidden: z.number().int().min(0),
    l2: z.number().min(0),
  }),
  angerThreshold: z.number().min(0).max(1),
  metrics: z.record(z.string(), z.number()),
  counts: z.record(z.string(), z.number()),
  weights: z.object({
    file: z.literal(WEIGHTS_FILE),
    sha256: z.string().length(64),
    specs: z.array(z.object({ name: z.string(), shape: z.array(z.number().int().nonnegative()) })),
  }),
});
export type SentimentManifest = z.infer<typeof manifestSchema>;

const invalid = (message: string, dir: string) => new ShopmateError('ARTIFACT_INVALID', message, { details: { dir } });

/** Writes `<modelsDir>/<version>/` (manifest.json + weights.bin), then points `<modelsDir>/current.json` at it. */
export function saveSentimentArtifact(model: SentimentModel, modelsDir: string): { dir: string; version: string } {
  const { info } = model;
  const weights = model.weights();
  const bytes = Buffer.concat(weights.map((w) => Buffer.from(w.values.buffer, w.values.byteOffset, w.values.byteLength)));
  const manifest: SentimentManifest = {
    formatVersion: SENTIMENT_FORMAT_VERSION,
    kind: 'shopmate-sentiment',
    version: info.version,
    createdAt: new Date().toISOString(),
    encoderId: info.encoderId,
    encoderDim: info.encoderDim,
    labels: [...SENTIMENT_LABELS],
    features: { ...info.features, lexicalFeatureNames: info.features.lexical ? [...LEXICAL_FEATURE_NAMES] : [] },
    angerThreshold: info.angerThreshold,
    metrics: info.metrics,
    counts: info.counts,
    weights: { file: WEIGHTS_FILE, sha256: createHash('sha256').update(bytes).digest('hex'), specs: weights.map(({ name, shape }) => ({ name, shape })) },
  };
  const root = resolve(modelsDir);
  const dir = join(root, info.version);
  if (existsSync(dir)) throw new ShopmateError('CONFLICT', `sentiment artifact ${info.version} already exists in ${root}`);
  // Write into a temporary folder and rename, so a crash never leaves a half-written version that looks complete.
  const tmp = join(root, `.tmp-${info.version}-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, WEIGHTS_FILE), bytes);
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  renameSync(tmp, dir);
  writeFileSync(join(root, 'current.json.tmp'), JSON.stringify({ version: info.version }) + '\n');
  renameSync(join(root, 'current.json.tmp'), join(root, 'current.json'));
  return { dir, version: info.version };
}

function readJson(path: string, dir: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw invalid(`sentiment artifact file ${path} is not valid JSON: ${(e as Error).message}`, dir);
  }
}

/** Accepts a version folder (has manifest.json) or a models folder (has current.json). */
function resolveArtifactDir(dirOrModelsDir: string): string {
  const dir = resolve(dirOrModelsDir);
  if (existsSync(join(dir, 'manifest.json'))) return dir;
  const pointer = join(dir, 'current.json');
  if (!existsSync(pointer)) {
    throw new ShopmateError('MODEL_NOT_FOUND', `no sentiment model in ${dir} (neither manifest.json nor current.json); train one first`, { details: { dir } });
  }
  const parsed = z.object({ version: z.string().regex(/^[\w.-]+$/) }).safeParse(readJson(pointer, dir));
  if (!parsed.success) throw invalid(`${pointer} must be {"version": "<folder name>"}`, dir);
  const target = join(dir, parsed.data.version);
  if (!existsSync(join(target, 'manifest.json'))) {
    throw new ShopmateError('MODEL_NOT_FOUND', `current.json points at sentiment model ${parsed.data.version}, which has no manifest.json in ${dir}`, { details: { dir } });
  }
  return target;
}

function readManifest(dir: string, expectedEncoderId: string | undefined): SentimentManifest {
  const parsed = manifestSchema.safeParse(readJson(join(dir, 'manifest.json'), dir));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw invalid(`sentiment manifest in ${dir} is invalid: ${issues}`, dir);
  }
  const m = parsed.data;
  if (m.labels.join() !== SENTIMENT_LABELS.join()) throw invalid(`sentiment manifest labels ${m.labels.join()} differ from ${SENTIMENT_LABELS.join()}`, dir);
  if (m.features.lexical && m.features.lexicalFeatureNames.join() !== LEXICAL_FEATURE_NAMES.join()) {
    throw invalid(`sentiment artifact was trained with lexical features [${m.features.lexicalFeatureNames.join()}], this code computes [${LEXICAL_FEATURE_NAMES.join()}]`, dir);
  }
  if (expectedEncoderId !== undefined && m.encoderId !== expectedEncoderId) {
    throw invalid(`sentiment artifact ${m.version} was trained on encoder "${m.encoderId}" but the running encoder is "${expectedEncoderId}"; retrain it`, dir);
  }
  return m;
}

function readWeights(dir: string, m: SentimentManifest): tf.Tensor[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, m.weights.file));
  } catch {
    throw invalid(`sentiment artifact ${m.version} has no ${m.weights.file}`, dir);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== m.weights.sha256) {
    throw invalid(`sentiment artifact ${m.version}: ${m.weights.file} does not match the SHA-256 in its manifest (corrupt or edited)`, dir);
  }
  const total = m.weights.specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
  if (bytes.byteLength !== total * 4) {
    throw invalid(`sentiment artifact ${m.version}: ${m.weights.file} has ${bytes.byteLength} bytes, its specs need ${total * 4}`, dir);
  }
  const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  let offset = 0;
  return m.weights.specs.map((s) => {
    const size = s.shape.reduce((a, b) => a * b, 1);
    const t = tf.tensor(floats.subarray(offset, offset + size), s.shape);
    offset += size;
    return t;
  });
}

/** Loads and verifies an artifact: MODEL_NOT_FOUND when absent, ARTIFACT_INVALID when corrupt or for another encoder. */
export function loadSentimentArtifact(dirOrModelsDir: string, options: { expectedEncoderId?: string } = {}): SentimentModel {
  const dir = resolveArtifactDir(dirOrModelsDir);
  const m = readManifest(dir, options.expectedEncoderId);
  const features = { lexical: m.features.lexical, hidden: m.features.hidden, l2: m.features.l2 };
  const dim = inputDim(m.encoderDim, features);
  const polarity = buildHead(dim, features, SENTIMENT_LABELS.length, 0);
  const anger = buildHead(dim, features, 1, 0);
  const expected = [...polarity.getWeights(), ...anger.getWeights()].map((w) => w.shape.join('x'));
  const got = m.weights.specs.map((s) => s.shape.join('x'));
  if (expected.join() !== got.join()) {
    polarity.dispose();
    anger.dispose();
    throw invalid(`sentiment artifact ${m.version}: weight shapes [${got.join()}] do not fit the architecture [${expected.join()}]`, dir);
  }
  const tensors = readWeights(dir, m);
  polarity.setWeights(tensors.slice(0, polarity.getWeights().length));
  anger.setWeights(tensors.slice(polarity.getWeights().length));
  tf.dispose(tensors);
  const { version, encoderId, encoderDim, angerThreshold, metrics, counts } = m;
  return new SentimentModel({ version, encoderId, encoderDim, features, angerThreshold, metrics, counts }, polarity, anger);
}
