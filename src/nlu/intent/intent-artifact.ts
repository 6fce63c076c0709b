import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ShopmateError } from '../../core/errors.ts';
import { EmbeddingLinearHead } from './embedding-linear-head.ts';
import { ExemplarIndex } from './exemplar-index.ts';
import { IntentModel, OOS_FEATURES } from './intent-model.ts';
import { JointSoftmaxModel } from './joint-softmax-model.ts';
import { OosDetector } from './oos-detector.ts';
import { TextFeaturizer } from './text-features.ts';
import { TrainedIntentClassifier } from './trained-intent-classifier.ts';
import { manifestSchema, type IntentManifest, INTENT_ARTIFACT_FORMAT } from './intent-manifest.ts';

/** Binary weight files: name -> typed array. Each is raw little-endian float32/int32, checked by SHA-256. */
function weightFiles(c: TrainedIntentClassifier): Record<string, Float32Array | Int32Array> {
  const m = c.model;
  return {
    'featurizer-idf.f32': m.featurizer.idf,
    'joint-sparse.f32': m.joint.sparseWeights,
    'joint-dense.f32': m.joint.denseWeights,
    'joint-bias.f32': m.joint.bias,
    'head-weights.f32': m.head.weights,
    'head-bias.f32': m.head.bias,
    'exemplar-vectors.f32': m.exemplars.vectors,
    'exemplar-offsets.i32': m.exemplars.offsets,
  };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const bytesOf = (a: Float32Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/**
 * Writes `<modelsDir>/<version>/` (manifest.json + weight files) through a temporary folder renamed into place,
 * then points `<modelsDir>/current.json` at it the same way, so a reader never sees half an artifact.
 */
export async function saveIntentArtifact(model: TrainedIntentClassifier, modelsDir: string): Promise<{ version: string; dir: string }> {
  const version = model.version;
  const dir = join(modelsDir, version);
  if (existsSync(dir)) throw new ShopmateError('CONFLICT', `artifact ${version} already exists in ${modelsDir}`, { details: { dir } });
  const tmp = join(modelsDir, `.tmp-${version}-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  const files: IntentManifest['files'] = {};
  for (const [name, array] of Object.entries(weightFiles(model))) {
    const buf = bytesOf(array);
    writeFileSync(join(tmp, name), buf);
    files[name] = { length: array.length, sha256: sha256(buf) };
  }
  const m = model.model;
  const manifest: IntentManifest = {
    format: INTENT_ARTIFACT_FORMAT,
    version,
    encoderId: model.encoderId,
    trainedAt: model.trainedAt,
    trainSeconds: model.trainSeconds,
    seed: model.meta.seed,
    intents: [...m.intents],
    threshold: model.threshold,
    calibratedThreshold: model.meta.calibratedThreshold,
    jointWeight: m.jointWeight,
    knnWeight: m.knnWeight,
    features: m.featurizer.settings,
    terms: [...m.featurizer.terms],
    embeddingDim: m.head.inputDim,
    detector: { signals: [...OOS_FEATURES], ...model.detector.state },
    metrics: model.metrics,
    counts: model.meta.counts,
    files,
  };
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 1));
  renameSync(tmp, dir);
  const pointer = join(modelsDir, `.current-${process.pid}.json`);
  writeFileSync(pointer, JSON.stringify({ version }) + '\n');
  renameSync(pointer, join(modelsDir, 'current.json'));
  return { version, dir };
}

/** Version folders, oldest first (versions are timestamp-prefixed). */
export function listIntentArtifacts(modelsDir: string): string[] {
  if (!existsSync(modelsDir)) return [];
  return readdirSync(modelsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && existsSync(join(modelsDir, d.name, 'manifest.json')))
    .map((d) => d.name)
    .sort();
}

function resolveArtifactDir(path: string): string {
  if (existsSync(join(path, 'manifest.json'))) return path;
  const pointer = join(path, 'current.json');
  if (!existsSync(pointer)) throw new ShopmateError('MODEL_NOT_FOUND', `no intent model at ${path} (no manifest.json or current.json); run training first`, { details: { path } });
  let version: unknown;
  try {
    version = JSON.parse(readFileSync(pointer, 'utf8')).version;
  } catch (e) {
    throw new ShopmateError('ARTIFACT_INVALID', `${pointer} is not valid JSON`, { cause: e, details: { path: pointer } });
  }
  if (typeof version !== 'string' || !existsSync(join(path, version, 'manifest.json'))) {
    throw new ShopmateError('MODEL_NOT_FOUND', `${pointer} points at a missing intent model "${String(version)}"`, { details: { path: pointer } });
  }
  return join(path, version);
}

function readManifest(dir: string): IntentManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  } catch (e) {
    throw new ShopmateError('ARTIFACT_INVALID', `${dir}/manifest.json is not valid JSON`, { cause: e, details: { dir } });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ShopmateError('ARTIFACT_INVALID', `${dir}/manifest.json is invalid: ${issues}`, { details: { dir, issues } });
  }
  return parsed.data;
}

function readWeights(dir: string, manifest: IntentManifest, name: string): Float32Array | Int32Array {
  const spec = manifest.files[name];
  if (!spec) throw new ShopmateError('ARTIFACT_INVALID', `${dir}: manifest lists no ${name}`, { details: { dir, file: name } });
  let buf: Buffer;
  try {
    buf = readFileSync(join(dir, name));
  } catch (e) {
    throw new ShopmateError('ARTIFACT_INVALID', `${dir}: weight file ${name} is missing`, { cause: e, details: { dir, file: name } });
  }
  if (buf.length !== spec.length * 4 || sha256(buf) !== spec.sha256) {
    throw new ShopmateError('ARTIFACT_INVALID', `${dir}: weight file ${name} is corrupt (size or SHA-256 mismatch)`, { details: { dir, file: name } });
  }
  // Copy into a fresh, aligned buffer: Buffer slices may share an unaligned pool.
  const bytes = new Uint8Array(buf.length);
  bytes.set(buf);
  return name.endsWith('.i32') ? new Int32Array(bytes.buffer) : new Float32Array(bytes.buffer);
}

/** Loads a version folder, or the current version of a models folder; refuses a model made for another encoder. */
export async function loadIntentArtifact(dirOrModelsDir: string, options: { expectedEncoderId?: string } = {}): Promise<TrainedIntentClassifier> {
  const dir = resolveArtifactDir(dirOrModelsDir);
  const m = readManifest(dir);
  if (options.expectedEncoderId !== undefined && m.encoderId !== options.expectedEncoderId) {
    throw new ShopmateError('ARTIFACT_INVALID', `intent model ${m.version} was trained on encoder "${m.encoderId}" but the running encoder is "${options.expectedEncoderId}"; retrain`, {
      details: { dir, encoderId: m.encoderId, expected: options.expectedEncoderId },
    });
  }
  const f32 = (name: string) => readWeights(dir, m, name) as Float32Array;
  const C = m.intents.length;
  const featurizer = new TextFeaturizer(m.features, m.terms, f32('featurizer-idf.f32'));
  const D = m.embeddingDim;
  const joint = new JointSoftmaxModel(m.terms.length, D, C, f32('joint-sparse.f32'), f32('joint-dense.f32'), f32('joint-bias.f32'));
  const head = new EmbeddingLinearHead(D, C, f32('head-weights.f32'), f32('head-bias.f32'));
  const exemplars = new ExemplarIndex(D, f32('exemplar-vectors.f32'), readWeights(dir, m, 'exemplar-offsets.i32') as Int32Array);
  const expectLength = (name: string, n: number) => {
    if (m.files[name].length !== n) throw new ShopmateError('ARTIFACT_INVALID', `${dir}: ${name} has ${m.files[name].length} values, expected ${n}`, { details: { dir, file: name } });
  };
  expectLength('featurizer-idf.f32', m.terms.length);
  expectLength('joint-sparse.f32', m.terms.length * C);
  expectLength('joint-dense.f32', D * C);
  expectLength('joint-bias.f32', C);
  expectLength('head-weights.f32', D * C);
  expectLength('head-bias.f32', C);
  expectLength('exemplar-offsets.i32', C + 1);
  const { signals, ...detectorState } = m.detector;
  if (detectorState.kind === 'logistic' && (signals.join() !== OOS_FEATURES.join() || detectorState.weights.length !== OOS_FEATURES.length)) {
    throw new ShopmateError('ARTIFACT_INVALID', `${dir}: the detector's signals (${signals.join(', ')}) do not match this version's (${OOS_FEATURES.join(', ')}); retrain`, { details: { dir } });
  }
  const model = new IntentModel({ intents: m.intents, featurizer, joint, head, exemplars, jointWeight: m.jointWeight, knnWeight: m.knnWeight });
  return new TrainedIntentClassifier(model, new OosDetector(detectorState), m.threshold, {
    version: m.version,
    encoderId: m.encoderId,
    trainedAt: m.trainedAt,
    trainSeconds: m.trainSeconds,
    seed: m.seed,
    metrics: m.metrics,
    counts: m.counts,
    calibratedThreshold: m.calibratedThreshold,
  });
}
