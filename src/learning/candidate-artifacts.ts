import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { saveIntentArtifact } from '../nlu/intent/intent-artifact.ts';
import type { TrainedIntentClassifier } from '../nlu/intent/trained-intent-classifier.ts';
import type { Candidate } from './trainer.ts';

/**
 * Saves a candidate into `<modelsDir>/<version>/` without touching `current.json`: saveIntentArtifact also points
 * current.json at what it saved, which would make the next restart serve a model the gate has not passed. So it
 * saves into a private staging folder and renames only the version folder into place (atomic on one filesystem).
 */
export async function saveCandidateArtifact(model: TrainedIntentClassifier, modelsDir: string): Promise<Candidate> {
  const staging = join(modelsDir, `.staging-${process.pid}-${threadId}-${Date.now()}`);
  mkdirSync(staging, { recursive: true });
  try {
    const saved = await saveIntentArtifact(model, staging);
    const dir = join(modelsDir, saved.version);
    renameSync(saved.dir, dir);
    return { version: saved.version, dir, intents: [...model.intents], metrics: model.metrics, trainSeconds: model.trainSeconds };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Points `<modelsDir>/current.json` at a version (write + rename), so a restart serves what was promoted. */
export function pointCurrentArtifact(modelsDir: string, version: string): void {
  const tmp = join(modelsDir, `.current-${process.pid}-${threadId}.json`);
  writeFileSync(tmp, JSON.stringify({ version }) + '\n');
  renameSync(tmp, join(modelsDir, 'current.json'));
}
