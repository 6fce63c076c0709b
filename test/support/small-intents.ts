import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { TINY_EXAMPLES } from '../nlu/sentiment/sentiment-fixtures.ts';

/**
 * Small training data in the shape of intents/ (four intents with out-of-scope examples, and sentiment with anger):
 * the retraining on upgrade is the loader's behaviour under test, and training the shipped models again here would
 * re-embed and retrain thousands of sentences (a minute of CPU) to show the same thing.
 */
export function smallIntentsDir(root: string): string {
  const dir = join(root, 'intents');
  cpSync(join(import.meta.dirname, '..', 'nlu', 'intent', 'fixtures', 'intents'), dir, { recursive: true, filter: (src) => !/[\\/]sentiment([\\/]|$)/.test(src) });
  mkdirSync(join(dir, 'sentiment'));
  for (const [name, label, angry] of [['positive', 'positive', false], ['neutral', 'neutral', false], ['negative', 'negative', false], ['angry', 'negative', true]] as const) {
    const examples = TINY_EXAMPLES.filter((e) => e.label === label && e.angry === angry).map((e) => e.text);
    writeFileSync(join(dir, 'sentiment', `${name}.yaml`), stringify({ label, ...(angry ? { angry } : {}), examples }));
  }
  return dir;
}
