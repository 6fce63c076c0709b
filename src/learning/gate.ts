import type { Encoder } from '../nlu/encoder.ts';
import { OOS_LABEL, type IntentClassifier } from '../nlu/intent/intent-classifier.ts';
import { accuracyCheck, accuracyOn, intentDrops, labelCheck, pct, type Accuracy, type GateCheck, type GateThresholds, type IntentDrop, type LabelAgreement } from './gate-checks.ts';
import { predictBoth, type GateExample } from './gate-predictions.ts';

export type { GateCheck, GateThresholds, IntentDrop, LabelAgreement } from './gate-checks.ts';
export type { GateExample } from './gate-predictions.ts';

export const DEFAULT_GATE_THRESHOLDS: GateThresholds = {
  maxOverallDrop: 0.01,
  maxRetainedDrop: 0.01,
  maxIntentDrop: 0.05,
  minIntentSupport: 5,
  minLostExamples: 2,
  maxIntentDropP: 0.05,
  maxLabelGap: 0.1,
  minLabelExamples: 20,
};

export interface GateDecision {
  promote: boolean;
  reason: string;
  /** Rule 1: accuracy on the whole regression set, each model as it would serve ('oos' when flagged). */
  overall: { candidate: number; serving: number | null; delta: number | null };
  /** Rule 2: intent accuracy on the trusted examples of the serving model's intents (see GatePredictions). */
  retained: Accuracy | null;
  /** Rule 3: intents whose recall on those examples fell, largest fall first. */
  perIntent: IntentDrop[];
  /** Rule 4: agreement with the new reviewed labels; null when there were too few to judge. */
  labels: LabelAgreement | null;
  /** Every rule's verdict, in the order above. */
  checks: GateCheck[];
  /** Intents only the candidate knows: judged by rule 1, never counted as drops. */
  newIntents: string[];
  /** Regression examples compared, and how many of them were untrusted (new golden examples). */
  evaluated: number;
  untrusted: number;
}

export interface GateOptions extends Partial<GateThresholds> {
  encoder: Encoder;
  maxInputChars?: number;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * The regression gate. Both models are evaluated now on the same regression examples, embedded once: the frozen
 * held-out share of intents/ plus the golden set, a held-out share of the reviewed items with the operators' labels.
 * A golden example is *trusted* once a promoted model was trained on its stage (the loop marks examples decided
 * after the serving model's data cut-off as untrusted): this run's new labels are the thing being judged, so they
 * cannot be the yardstick too. The candidate is promoted only if all four rules hold:
 *
 * 1. Overall: accuracy on the whole set falls by at most maxOverallDrop. New intents' examples count: the serving
 *    model cannot answer them and the candidate can, which is the point of learning them.
 * 2. Retained: on the trusted examples of intents the serving model knows, with the candidate restricted to those
 *    intents (a confusion with an added intent is the price of growth that a from-scratch model pays too, and rule 1
 *    weighs it against what the added intents gain), accuracy falls by at most maxRetainedDrop. This is forgetting,
 *    or wrong relabels moving examples between known intents, measured only on labels that can be believed, and by
 *    the intent each model ranks first: the out-of-scope threshold is re-calibrated at every training and moves
 *    in-scope accuracy by a few points at random, which would drown a one-point margin (rule 1 still counts it).
 * 3. Per intent: on the same examples no intent with >= minIntentSupport examples loses more than maxIntentDrop of
 *    its recall and at least minLostExamples examples net. New intents are not drops. (Rules 1 and 2 also ignore a
 *    fall of fewer than minLostExamples examples: on a small set one flip is retraining noise, not a regression.)
 * 4. Labels: on the new golden examples (>= minLabelExamples of them) the candidate, which was trained on the rest of
 *    the same stage, agrees with the operators at most maxLabelGap less often than with the trusted earlier reviewed
 *    labels (intents/ labels while there are too few). A clean stage is learnable from itself; a stage with 30 % wrong
 *    relabels is not, because its wrong labels contradict the rest of its own data and everything before it.
 *    Relabels so consistent that the candidate learns them (most of an intent moved) pass this rule; they surface
 *    in rules 2 and 3 instead, on the trusted examples of the intents they damage. With fewer new golden examples
 *    than minLabelExamples (about 10 x that many reviewed items at the default golden share) it is skipped.
 */
export async function gate(candidate: IntentClassifier, serving: IntentClassifier | null, regressionSet: readonly GateExample[], options: GateOptions): Promise<GateDecision> {
  const t: GateThresholds = { ...DEFAULT_GATE_THRESHOLDS, ...definedOnly(options) };
  const p = await predictBoth(candidate, serving, regressionSet, options);
  const all = range(p.expected.length);
  const untrusted = all.filter((i) => !p.trusted[i]).length;
  const newIntents = serving ? candidate.intents.filter((i) => !serving.intents.includes(i)) : [];
  const base = { retained: null, perIntent: [], labels: null, checks: [], newIntents, evaluated: all.length, untrusted };
  if (serving === null || all.length === 0) {
    const promote = serving === null;
    const acc = all.filter((i) => p.candidate[i]).length / Math.max(1, all.length);
    const reason = promote ? `no serving model yet: first candidate promoted (regression accuracy ${pct(acc)}, n=${all.length})` : 'no regression examples to compare on: kept the serving model';
    return { ...base, promote, reason, overall: { candidate: acc, serving: null, delta: null } };
  }
  const overall = accuracyOn(p, 'served', all);
  const servingKnows = new Set([...serving.intents, OOS_LABEL]);
  const candidateKnows = new Set([...candidate.intents, OOS_LABEL]);
  const retainedIdx = all.filter((i) => p.trusted[i] && servingKnows.has(p.expected[i]));
  const retained = accuracyOn(p, 'intent', retainedIdx);
  const intents = intentDrops(p, retainedIdx, t);
  const newIdx = all.filter((i) => !p.trusted[i] && candidateKnows.has(p.expected[i]));
  const labels = labelCheck(p, newIdx, all.filter((i) => p.trusted[i] && p.golden[i]), all.filter((i) => p.trusted[i]), t);
  const checks = [
    accuracyCheck('overall', overall, t.maxOverallDrop, t.minLostExamples, 'overall regression accuracy'),
    accuracyCheck('retained', retained, t.maxRetainedDrop, t.minLostExamples, "accuracy on the serving model's trusted examples"),
    intents.check,
    labels.check,
  ];
  const failed = checks.filter((c) => !c.passed);
  const promote = failed.length === 0;
  const reason = promote
    ? `passed: ${checks.map((c) => c.detail).join('; ')}${newIntents.length > 0 ? `; ${newIntents.length} new intent(s)` : ''}`
    : `refused: ${failed.map((c) => c.detail).join('; ')}`;
  return { ...base, promote, reason, overall: { candidate: overall.candidate, serving: overall.serving, delta: overall.delta }, retained, perIntent: intents.drops, labels: labels.labels, checks };
}

function definedOnly(o: Partial<GateThresholds>): Partial<GateThresholds> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => k in DEFAULT_GATE_THRESHOLDS && v !== undefined));
}
