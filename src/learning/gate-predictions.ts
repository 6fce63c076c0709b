import type { Encoder } from '../nlu/encoder.ts';
import { OOS_LABEL, type IntentClassifier, type IntentResult, type LabeledText } from '../nlu/intent/intent-classifier.ts';
import { cleanText } from '../nlu/text-hygiene.ts';

/** A regression example as the gate sees it; `trusted` defaults to true, `source` to 'intents' (see gate.ts). */
export interface GateExample extends LabeledText {
  trusted?: boolean;
  source?: 'intents' | 'golden';
}

/** Per usable regression example (index-aligned): its label, where it came from, and which model got it right. */
export interface GatePredictions {
  expected: string[];
  trusted: boolean[];
  /** True for golden examples (reviewed items), false for held-out intents/ examples. */
  golden: boolean[];
  /** Each model as it serves: the right intent and not flagged out of scope (an 'oos' example: flagged). */
  candidate: boolean[];
  /** Null when nothing serves yet. */
  serving: boolean[] | null;
  /**
   * Which intent each model ranks first, ignoring the out-of-scope flag, the candidate limited to the serving
   * model's intents ('oos' examples still count by the flag). The flag's threshold is re-calibrated at every training
   * on a few held-out negatives and moves in-scope accuracy by points either way; this view measures what the model
   * knows about the intents, which is what forgetting and wrong relabels damage.
   */
  candidateIntent: boolean[];
  servingIntent: boolean[] | null;
}

function rightAsServed(r: IntentResult, label: string): boolean {
  return label === OOS_LABEL ? r.outOfScope : !r.outOfScope && r.ranking[0].intent === label;
}

/** Best-ranked intent among `known`, flag ignored for in-scope examples. */
function rightIntent(r: IntentResult, label: string, known: ReadonlySet<string>): boolean {
  return label === OOS_LABEL ? r.outOfScope : r.ranking.find((s) => known.has(s.intent))?.intent === label;
}

/** Examples classified between two yields to the event loop. */
const SLICE = 50;

/**
 * Classifies every vector, yielding to the event loop between slices: the gate runs in the serving process, and a
 * regression set classified in one go stalled every reply for over a second (bench/webhook --during-retrain).
 */
async function classifyAll(model: IntentClassifier, vectors: Float32Array[], texts: string[]): Promise<IntentResult[]> {
  const out: IntentResult[] = [];
  for (let i = 0; i < vectors.length; i++) {
    if (i > 0 && i % SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    out.push(model.classify(vectors[i], texts[i]));
  }
  return out;
}

/**
 * Embeds the regression examples once and runs both models on them now (never on stored scores, so a changed
 * encoder cache or threshold cannot make the comparison stale). Examples whose label neither model knows, or whose
 * text is empty after cleaning, cannot tell the models apart and are left out.
 */
export async function predictBoth(
  candidate: IntentClassifier,
  serving: IntentClassifier | null,
  examples: readonly GateExample[],
  options: { encoder: Encoder; maxInputChars?: number },
): Promise<GatePredictions> {
  const known = new Set([...candidate.intents, ...(serving?.intents ?? []), OOS_LABEL]);
  const usable = examples
    .map((e) => ({ text: cleanText(e.text, options.maxInputChars ?? 1000), label: e.label, trusted: e.trusted ?? true, golden: e.source === 'golden' }))
    .filter((e) => e.text !== '' && known.has(e.label));
  const vectors = usable.length === 0 ? [] : await options.encoder.embed(usable.map((e) => e.text));
  const texts = usable.map((e) => e.text);
  const servingKnows = new Set(serving?.intents ?? candidate.intents);
  const cand = await classifyAll(candidate, vectors, texts);
  const serv = serving ? await classifyAll(serving, vectors, texts) : null;
  const label = (i: number) => usable[i].label;
  return {
    expected: usable.map((e) => e.label),
    trusted: usable.map((e) => e.trusted),
    golden: usable.map((e) => e.golden),
    candidate: cand.map((r, i) => rightAsServed(r, label(i))),
    serving: serv?.map((r, i) => rightAsServed(r, label(i))) ?? null,
    candidateIntent: cand.map((r, i) => rightIntent(r, label(i), servingKnows)),
    servingIntent: serv?.map((r, i) => rightIntent(r, label(i), servingKnows)) ?? null,
  };
}
