import type { Encoder } from '../nlu/encoder.ts';
import { scoreResults } from '../nlu/intent/evaluate-intents.ts';
import { OOS_LABEL, type IntentClassifier, type IntentResult, type LabeledText } from '../nlu/intent/intent-classifier.ts';
import { cleanText } from '../nlu/text-hygiene.ts';

export interface GateThresholds {
  /** Largest allowed fall of overall regression-set accuracy (fraction: 0.01 = one point). */
  maxOverallDrop: number;
  /** Largest allowed fall of one intent's accuracy... */
  maxIntentDrop: number;
  /** ...for intents with at least this many regression examples (smaller ones are too noisy to judge). */
  minIntentSupport: number;
  /**
   * ...and only when it loses at least this many examples. With 1 (the default) any per-intent fall above
   * maxIntentDrop blocks; raise it when intents have so few regression examples that one flip exceeds maxIntentDrop.
   */
  minLostExamples: number;
}

export const DEFAULT_GATE_THRESHOLDS: GateThresholds = { maxOverallDrop: 0.01, maxIntentDrop: 0.05, minIntentSupport: 5, minLostExamples: 1 };

export interface IntentDrop {
  intent: string;
  support: number;
  candidate: number;
  serving: number;
  drop: number;
  /** True when this drop alone refuses the candidate. */
  blocking: boolean;
}

export interface GateDecision {
  promote: boolean;
  reason: string;
  /** Accuracy on the regression examples both models know (predicted label incl. 'oos' = expected label). */
  overall: { candidate: number; serving: number | null; delta: number | null };
  /** Intents whose accuracy fell, largest fall first. */
  perIntent: IntentDrop[];
  /** Intents only the candidate knows: not comparable, so never counted as drops. */
  newIntents: string[];
  /** Regression examples compared. */
  evaluated: number;
}

export interface GateOptions extends Partial<GateThresholds> {
  encoder: Encoder;
  maxInputChars?: number;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const predicted = (r: IntentResult) => (r.outOfScope ? OOS_LABEL : r.ranking[0].intent);

/**
 * The regression gate: both models are evaluated now, on the same frozen regression examples embedded once.
 * Promote only if overall accuracy does not fall by more than maxOverallDrop and no well-supported intent falls by
 * more than maxIntentDrop. Examples of intents the serving model does not know are left out of the comparison, and
 * the candidate's predictions are restricted to the serving model's intents (see below).
 */
export async function gate(candidate: IntentClassifier, serving: IntentClassifier | null, regressionSet: readonly LabeledText[], options: GateOptions): Promise<GateDecision> {
  const t: GateThresholds = { ...DEFAULT_GATE_THRESHOLDS, ...definedOnly(options) };
  const reference = serving ?? candidate;
  const known = new Set([...reference.intents, OOS_LABEL]);
  const compared = regressionSet
    .map((e) => ({ text: cleanText(e.text, options.maxInputChars ?? 1000), label: e.label }))
    .filter((e) => e.text !== '' && known.has(e.label));
  const newIntents = serving ? candidate.intents.filter((i) => !serving.intents.includes(i)) : [];
  if (compared.length === 0) {
    const promote = serving === null;
    const reason = promote ? 'no serving model yet and no regression examples: first candidate promoted' : 'no regression examples to compare on: kept the serving model';
    return { promote, reason, overall: { candidate: 0, serving: null, delta: null }, perIntent: [], newIntents, evaluated: 0 };
  }
  const vectors = await options.encoder.embed(compared.map((e) => e.text));
  const expected = compared.map((e) => e.label);
  const run = (m: IntentClassifier) => vectors.map((v, i) => m.classify(v, compared[i].text));
  const accuracyOf = (results: IntentResult[]) => results.filter((r, i) => predicted(r) === expected[i]).length / results.length;
  // The candidate is judged in the serving model's label space: its best *known* intent counts. Confusing an old
  // intent with a new one is the price of any growth (a from-scratch model pays it too), not a regression of what
  // the serving model could already do; that is what this gate protects (forgetting, bad relabels).
  const candidateResults = run(candidate).map((r) => (serving ? { ...r, ranking: r.ranking.filter((s) => known.has(s.intent)) } : r));
  const candidateAcc = accuracyOf(candidateResults);
  if (serving === null) {
    return { promote: true, reason: `no serving model yet: first candidate promoted (regression accuracy ${pct(candidateAcc)})`, overall: { candidate: candidateAcc, serving: null, delta: null }, perIntent: [], newIntents, evaluated: compared.length };
  }
  const servingResults = run(serving);
  const servingAcc = accuracyOf(servingResults);
  const labels = [...known];
  const cand = scoreResults(expected, candidateResults, labels).perIntent;
  const serv = scoreResults(expected, servingResults, labels).perIntent;
  const perIntent: IntentDrop[] = labels
    .filter((l) => (serv[l]?.support ?? 0) > 0 && serv[l].recall > cand[l].recall)
    .map((l) => {
      const drop = serv[l].recall - cand[l].recall;
      const lost = Math.round(drop * serv[l].support);
      const blocking = serv[l].support >= t.minIntentSupport && drop > t.maxIntentDrop + 1e-9 && lost >= t.minLostExamples;
      return { intent: l, support: serv[l].support, candidate: cand[l].recall, serving: serv[l].recall, drop, blocking };
    })
    .sort((a, b) => b.drop - a.drop || a.intent.localeCompare(b.intent));
  const delta = candidateAcc - servingAcc;
  const overall = { candidate: candidateAcc, serving: servingAcc, delta };
  const blocking = perIntent.filter((d) => d.blocking);
  const overallFell = -delta > t.maxOverallDrop + 1e-9;
  const reason =
    overallFell
      ? `refused: overall regression accuracy fell ${pct(-delta)} (${pct(servingAcc)} -> ${pct(candidateAcc)}), more than the allowed ${pct(t.maxOverallDrop)}`
      : blocking.length > 0
        ? `refused: ${blocking.length} intent(s) fell more than ${pct(t.maxIntentDrop)}: ${blocking.slice(0, 5).map((d) => `${d.intent} ${pct(d.serving)} -> ${pct(d.candidate)} (n=${d.support})`).join(', ')}`
        : `passed: overall regression accuracy ${pct(servingAcc)} -> ${pct(candidateAcc)} (${delta >= 0 ? '+' : ''}${(delta * 100).toFixed(1)} points), no intent fell more than ${pct(t.maxIntentDrop)}${newIntents.length > 0 ? `; ${newIntents.length} new intent(s)` : ''}`;
  return { promote: !overallFell && blocking.length === 0, reason, overall, perIntent, newIntents, evaluated: compared.length };
}

function definedOnly(o: Partial<GateThresholds>): Partial<GateThresholds> {
  const keys: Array<keyof GateThresholds> = ['maxOverallDrop', 'maxIntentDrop', 'minIntentSupport', 'minLostExamples'];
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
