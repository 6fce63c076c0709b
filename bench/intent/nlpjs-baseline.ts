// node-nlp ships no type declarations; the surface used here is tiny and typed locally below.
// @ts-expect-error no types
import { NlpManager } from 'node-nlp';
import { OOS_LABEL, type LabeledText } from '../../src/nlu/intent/intent-classifier.ts';

interface NlpJsResult {
  intent: string;
  classifications?: Array<{ intent: string; score: number }>;
}
interface NlpJsManager {
  addDocument(locale: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(locale: string, text: string): Promise<NlpJsResult>;
}

/** nlp.js with default settings, English only (autoSave off so it writes no model.nlp file; logging off). "None" is its out-of-scope answer. */
export async function trainNlpJs(train: LabeledText[]): Promise<{ manager: NlpJsManager; seconds: number }> {
  const manager = new NlpManager({ languages: ['en'], nlu: { log: false }, autoSave: false }) as NlpJsManager;
  for (const e of train) if (e.label !== OOS_LABEL) manager.addDocument('en', e.text, e.label);
  const started = performance.now();
  await manager.train();
  return { manager, seconds: (performance.now() - started) / 1000 };
}

/** Predicted label ('oos' for None) and forced-choice label (best real intent) of one message. */
export async function nlpJsPredict(manager: NlpJsManager, text: string): Promise<{ label: string; forced: string }> {
  const r = await manager.process('en', text);
  const forced = (r.classifications ?? []).find((c) => c.intent !== 'None')?.intent ?? 'None';
  return { label: r.intent === 'None' ? OOS_LABEL : r.intent, forced };
}
