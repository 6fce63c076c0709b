import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareTrainedModels } from '../../test/support/trained-models.ts';

/**
 * A fresh data dir for one bench run holding the test fixture models (trained once per change of the NLU code or the
 * intents, in .cache/test-models) and the embeddings of the shop's texts, so a run starts in seconds. The database
 * starts empty; customer messages never reach the on-disk embedding cache (serving keeps them in memory), so every
 * bench text is a real encoder call.
 */
export async function benchDataDir(): Promise<string> {
  const fixture = await prepareTrainedModels();
  const dir = mkdtempSync(join(tmpdir(), 'shopmate-bench-'));
  for (const sub of ['models', 'cache']) cpSync(join(fixture.dataDir, sub), join(dir, sub), { recursive: true });
  return dir;
}

if (process.argv[1] === import.meta.filename) console.log(await benchDataDir());
