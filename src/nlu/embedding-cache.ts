import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, openSync, closeSync, fsyncSync, readFileSync, truncateSync } from 'node:fs';
import { dirname } from 'node:path';

/** Vectors by (model id, clean text). Retraining reads from here instead of paying for the encoder again. */
export interface EmbeddingCache {
  get(modelId: string, text: string): Float32Array | undefined;
  set(modelId: string, text: string, vector: Float32Array): void;
  /** Makes every set() so far durable. */
  flush(): void;
  readonly size: number;
}

function keyOf(modelId: string, text: string): string {
  return createHash('sha1').update(modelId).update('\u0000').update(text).digest('hex');
}

export class MemoryEmbeddingCache implements EmbeddingCache {
  protected readonly map = new Map<string, Float32Array>();
  get size(): number {
    return this.map.size;
  }
  get(modelId: string, text: string): Float32Array | undefined {
    return this.map.get(keyOf(modelId, text));
  }
  set(modelId: string, text: string, vector: Float32Array): void {
    this.map.set(keyOf(modelId, text), vector);
  }
  flush(): void {}
}

const KEY_BYTES = 20;

/**
 * An append-only file of fixed-size records [sha1(modelId, text) | float32 x dim]. Loading 40k vectors is one read;
 * a record torn by a crash is detected by the length and cut off, so the file always stays readable.
 */
export class FileEmbeddingCache extends MemoryEmbeddingCache {
  private pending: Buffer[] = [];

  constructor(
    private readonly path: string,
    private readonly dim: number,
  ) {
    super();
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path)) this.load();
  }

  private load(): void {
    const buf = readFileSync(this.path);
    const recordBytes = KEY_BYTES + this.dim * 4;
    const whole = Math.floor(buf.length / recordBytes) * recordBytes;
    if (whole !== buf.length) truncateSync(this.path, whole);
    for (let off = 0; off < whole; off += recordBytes) {
      const key = buf.subarray(off, off + KEY_BYTES).toString('hex');
      const vec = new Float32Array(this.dim);
      Buffer.from(vec.buffer).set(buf.subarray(off + KEY_BYTES, off + recordBytes));
      this.map.set(key, vec);
    }
  }

  override set(modelId: string, text: string, vector: Float32Array): void {
    if (vector.length !== this.dim) throw new Error(`embedding cache expects dim ${this.dim}, got ${vector.length}`);
    const key = keyOf(modelId, text);
    if (this.map.has(key)) return;
    this.map.set(key, vector);
    this.pending.push(Buffer.from(key, 'hex'), Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
  }

  override flush(): void {
    if (this.pending.length === 0) return;
    appendFileSync(this.path, Buffer.concat(this.pending));
    this.pending = [];
    const fd = openSync(this.path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
