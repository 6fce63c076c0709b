import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import { HashingEncoder } from '../../../src/nlu/hashing-encoder.ts';
import { loadSentimentArtifact, saveSentimentArtifact } from '../../../src/nlu/sentiment/sentiment-artifact.ts';
import { trainSentimentModel } from '../../../src/nlu/sentiment/train-sentiment-model.ts';
import { TINY_EXAMPLES } from './sentiment-fixtures.ts';

describe('sentiment artifact loader errors', () => {
  let root: string;
  let pristine: string;
  let version: string;
  let work: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'shopmate-sentiment-art-'));
    pristine = join(root, 'pristine');
    const model = await trainSentimentModel({ examples: TINY_EXAMPLES, encoder: new HashingEncoder(64), seed: 1,
      logger: silentLogger, options: { epochs: 5 } });
    version = saveSentimentArtifact(model, pristine).version;
    model.dispose();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  let n = 0;
  beforeEach(() => {
    work = join(root, `case-${n++}`);
    cpSync(pristine, work, { recursive: true });
  });
  const manifestPath = () => join(work, version, 'manifest.json');
  const editManifest = (edit: (m: Record<string, any>) => void) => {
    const m = JSON.parse(readFileSync(manifestPath(), 'utf8'));
    edit(m);
    writeFileSync(manifestPath(), JSON.stringify(m));
  };
  const code = (code: string, message?: RegExp) => expect.objectContaining({ code, ...(message ? { message: expect.stringMatching(message) } : {}) });

  it('MODEL_NOT_FOUND for a missing folder or a folder without a model', () => {
    expect(() => loadSentimentArtifact(join(root, 'nope'))).toThrow(code('MODEL_NOT_FOUND', /train one first/));
  });

  it('MODEL_NOT_FOUND when current.json points at a missing version', () => {
    writeFileSync(join(work, 'current.json'), JSON.stringify({ version: 'sentiment-gone' }));
    expect(() => loadSentimentArtifact(work)).toThrow(code('MODEL_NOT_FOUND', /sentiment-gone/));
  });

  it('ARTIFACT_INVALID for a corrupt current.json or manifest', () => {
    writeFileSync(join(work, 'current.json'), '{"version": ');
    expect(() => loadSentimentArtifact(work)).toThrow(code('ARTIFACT_INVALID', /not valid JSON/));
    writeFileSync(manifestPath(), 'garbage');
    expect(() => loadSentimentArtifact(join(work, version))).toThrow(code('ARTIFACT_INVALID'));
  });

  it('ARTIFACT_INVALID when a manifest field is missing or of the wrong format version', () => {
    editManifest((m) => delete m.encoderId);
    expect(() => loadSentimentArtifact(work)).toThrow(code('ARTIFACT_INVALID', /encoderId/));
    editManifest((m) => ((m.encoderId = 'hashing-64'), (m.formatVersion = 99)));
    expect(() => loadSentimentArtifact(work)).toThrow(code('ARTIFACT_INVALID', /formatVersion/));
  });

  it('ARTIFACT_INVALID for an encoder mismatch', () => {
    expect(() => loadSentimentArtifact(work, { expectedEncoderId: 'use-lite-1' })).toThrow(code('ARTIFACT_INVALID', /hashing-64.*use-lite-1/));
    expect(loadSentimentArtifact(work, { expectedEncoderId: 'hashing-64' }).version).toBe(version);
  });

  it('ARTIFACT_INVALID for missing or tampered weights', () => {
    const weights = join(work, version, 'weights.bin');
    const bytes = readFileSync(weights);
    bytes[10] ^= 0xff;
    writeFileSync(weights, bytes);
    expect(() => loadSentimentArtifact(work)).toThrow(code('ARTIFACT_INVALID', /SHA-256/));
    unlinkSync(weights);
    expect(() => loadSentimentArtifact(work)).toThrow(code('ARTIFACT_INVALID', /no weights.bin/));
  });

  it('ARTIFACT_INVALID when weight shapes do not fit the architecture', () => {
    editManifest((m) => (m.features.hidden = 16));
    expect(() => loadSentimentArtifact(work)).toThrow(code('ARTIFACT_INVALID', /weight shapes/));
  });

  it('refuses to overwrite an existing version', async () => {
    const model = loadSentimentArtifact(work);
    expect(() => saveSentimentArtifact(model, work)).toThrow(code('CONFLICT'));
    model.dispose();
  });
});
