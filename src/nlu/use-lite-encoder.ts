import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { Tokenizer } from '@tensorflow-models/universal-sentence-encoder/dist/tokenizer/index.js';
import { ShopmateError } from '../core/errors.ts';
import type { Encoder } from './encoder.ts';

const require = createRequire(import.meta.url);

/**
 * SHA-256 of Google's official USE lite v1 files (see ../shared/models/README.md). The weights come from the pinned
 * npm package universal-sentence-encoder-node@1.0.0; any other bytes are refused before a tensor is built.
 */
export const USE_LITE_FILES: ReadonlyArray<{ name: string; bytes: number; sha256: string }> = [
  { name: 'model.json', bytes: 247026, sha256: '507d11df18b070f99e0ad650b9a4e6534a4cfb05040127e8ce579f00c8fa3b53' },
  { name: 'vocab.json', bytes: 218327, sha256: '1ad860b9720c16cd48e666d664a556b2515c04f5a26a4b53c0372427913b1b8e' },
  { name: 'group1-shard1of7', bytes: 4194304, sha256: '8775e61b6a4235ea230a62a0d81f1ff00f5213ce86baa5d89c29e611f8cd7412' },
  { name: 'group1-shard2of7', bytes: 4194304, sha256: 'deaf897e5eea5be6c71ea62876a092034560b6f6fbc99c87a768076385a465bd' },
  { name: 'group1-shard3of7', bytes: 4194304, sha256: '50ee49b0daf620cf0cacda2f5fcc0da5929f4a3e520034844b6f8d9f3f4ec936' },
  { name: 'group1-shard4of7', bytes: 4194304, sha256: 'c1a50daae51e7c6e1e904f5d8d638a8658a0a1d310b9345cd7a368866304d596' },
  { name: 'group1-shard5of7', bytes: 4194304, sha256: '410cde3029282e5f601c782985cbb5caa96977f6705dec981c98dd02e93fec6b' },
  { name: 'group1-shard6of7', bytes: 4194304, sha256: '83ef116b2b98dc98e03547280ca0166142fbf6b4547bf1d9e6d13a8f518c088b' },
  { name: 'group1-shard7of7', bytes: 2737832, sha256: 'a29a5e08ee3afd839250b9187b89f1d3163749b5b1807bb175341a16c6012689' },
];

export const USE_LITE_MODEL_ID = 'use-lite-1';
export const USE_LITE_DIM = 512;

/** Where the pinned weights package keeps the model; overridable so tests can point at a tampered copy. */
export function defaultUseLiteDir(): string {
  return join(dirname(require.resolve('universal-sentence-encoder-node/package.json')), 'models', 'universal-sentence-encoder-lite_1');
}

/** Reads every model file and checks its SHA-256; a mismatch or a missing file is a MODEL_INTEGRITY error naming it. */
export async function readVerifiedModelFiles(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const f of USE_LITE_FILES) {
    const path = join(dir, f.name);
    let buf: Buffer;
    try {
      buf = await readFile(path);
    } catch (e) {
      throw new ShopmateError('MODEL_INTEGRITY', `USE lite model file missing: ${path}`, { cause: e, details: { file: f.name } });
    }
    const digest = createHash('sha256').update(buf).digest('hex');
    if (digest !== f.sha256) {
      throw new ShopmateError(
        'MODEL_INTEGRITY',
        `USE lite model file ${f.name} failed its SHA-256 check (expected ${f.sha256}, got ${digest}); reinstall with npm ci`,
        { details: { file: f.name, expected: f.sha256, actual: digest } },
      );
    }
    files.set(f.name, buf);
  }
  return files;
}

function toArrayBuffer(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/** The Universal Sentence Encoder lite (512-d), run by TF.js on whatever backend initBackend chose. */
export class UseLiteEncoder implements Encoder {
  readonly modelId = USE_LITE_MODEL_ID;
  readonly dim = USE_LITE_DIM;

  private constructor(
    private readonly model: tf.GraphModel,
    private readonly tokenizer: Tokenizer,
    private readonly batchSize: number,
  ) {}

  static async load(options: { modelDir?: string; batchSize: number }): Promise<UseLiteEncoder> {
    const files = await readVerifiedModelFiles(options.modelDir ?? defaultUseLiteDir());
    const modelJson = JSON.parse(files.get('model.json')!.toString('utf8'));
    const shards = modelJson.weightsManifest.flatMap((g: { paths: string[] }) => g.paths) as string[];
    const weightData = Buffer.concat(shards.map((p) => files.get(p)!));
    const handler = tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((g: { weights: tf.io.WeightsManifestEntry[] }) => g.weights),
      weightData: toArrayBuffer(weightData),
      format: modelJson.format,
      generatedBy: modelJson.generatedBy,
      convertedBy: modelJson.convertedBy,
    });
    const model = await tf.loadGraphModel(handler);
    const vocabulary = JSON.parse(files.get('vocab.json')!.toString('utf8'));
    return new UseLiteEncoder(model, new Tokenizer(vocabulary), options.batchSize);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      out.push(...(await this.embedBatch(texts.slice(start, start + this.batchSize))));
    }
    return out;
  }

  private async embedBatch(texts: string[]): Promise<Float32Array[]> {
    const flatIndices: number[] = [];
    const flatValues: number[] = [];
    texts.forEach((text, row) => {
      let ids = this.tokenizer.encode(text);
      // A sentence with no token would vanish from the sparse batch and shift every row after it; the model's
      // own unknown-token id (0 after the reserved symbols) keeps it in place and gives it a neutral vector.
      if (ids.length === 0) ids = [0];
      ids.forEach((id, col) => {
        flatIndices.push(row, col);
        flatValues.push(id);
      });
    });
    const indices = tf.tensor2d(flatIndices, [flatValues.length, 2], 'int32');
    const values = tf.tensor1d(flatValues, 'int32');
    try {
      const result = (await this.model.executeAsync({ indices, values })) as tf.Tensor;
      const data = (await result.data()) as Float32Array;
      result.dispose();
      return texts.map((_, i) => data.slice(i * this.dim, (i + 1) * this.dim));
    } finally {
      indices.dispose();
      values.dispose();
    }
  }
}
