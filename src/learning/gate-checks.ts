import { signTestP } from '../core/sign-test.ts';
import type { GatePredictions } from './gate-predictions.ts';

/** The gate's options (fractions: 0.01 = one point); gate.ts explains each rule and its defaults. */
export interface GateThresholds {
  /** Rule 1: largest allowed fall of accuracy on the whole regression set. */
  maxOverallDrop: number;
  /** Rule 2: largest allowed fall of accuracy on the trusted examples of intents the serving model knows. */
  maxRetainedDrop: number;
  /** Rule 3: largest allowed fall of one intent's recall... */
  maxIntentDrop: number;
  /** ...for intents with at least this many trusted regression examples (smaller ones are too noisy to judge)... */
  minIntentSupport: number;
  /** ...and only when it loses at least this many examples net (one flip of ten is retraining noise, not a fall);
   * rules 1 and 2 need this many lost examples too. */
  minLostExamples: number;
  /**
   * ...and only when the fall is unlikely to be retraining noise: a one-sided sign test on the examples exactly one
   * of the two models gets right must give p below this (0.05: losing 2 of 18 with nothing gained is p = 0.25,
   * losing 5 is p = 0.03).
   */
  maxIntentDropP: number;
  /** Rule 4: largest allowed gap between the candidate's agreement with earlier reviewed labels and with new ones... */
  maxLabelGap: number;
  /** ...judged only with at least this many new golden examples (fewer cannot tell label noise from chance). */
  minLabelExamples: number;
}

export interface Accuracy {
  candidate: number;
  serving: number;
  delta: number;
  evaluated: number;
}

export interface IntentDrop {
  intent: string;
  support: number;
  candidate: number;
  serving: number;
  drop: number;
  /** True when this drop alone refuses the candidate. */
  blocking: boolean;
}

export interface LabelAgreement {
  /** New golden examples: reviewed items no promoted model has been trained with. */
  newExamples: number;
  /** Share of them the candidate labels as the operator did. */
  agreement: number;
  /** The same share on the trusted reference: earlier (accepted) golden examples, or intents/ when too few. */
  reference: number;
  referenceSource: 'reviewed' | 'intents';
  referenceExamples: number;
  gap: number;
}

export interface GateCheck {
  rule: 'overall' | 'retained' | 'intents' | 'labels';
  passed: boolean;
  detail: string;
}

export const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const points = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} points`;
const EPS = 1e-9;

function hits(right: readonly boolean[], idx: readonly number[]): number {
  return idx.filter((i) => right[i]).length;
}

/** `view` picks the predictions: as served (rule 1) or by intent knowledge (rules 2 and 3, see GatePredictions). */
export function accuracyOn(p: GatePredictions, view: 'served' | 'intent', idx: readonly number[]): Accuracy {
  const n = Math.max(1, idx.length);
  const c = hits(view === 'served' ? p.candidate : p.candidateIntent, idx) / n;
  const s = hits(view === 'served' ? p.serving! : p.servingIntent!, idx) / n;
  return { candidate: c, serving: s, delta: c - s, evaluated: idx.length };
}

/**
 * Rules 1 and 2 share their shape: the candidate may not fall more than `max` below the serving model. On a small
 * regression set one flipped example is already more than a point, so a fall also has to lose `minLost` examples net.
 */
export function accuracyCheck(rule: 'overall' | 'retained', a: Accuracy, max: number, minLost: number, what: string): GateCheck {
  const lost = Math.round(-a.delta * a.evaluated);
  const passed = -a.delta <= max + EPS || lost < minLost;
  const change = `${what} ${pct(a.serving)} -> ${pct(a.candidate)} (${points(a.delta)}, n=${a.evaluated})`;
  return { rule, passed, detail: passed ? change : `${change} fell more than the allowed ${pct(max)}` };
}

/** Rule 3: recall per intent on the given examples, by intent knowledge (candidate in the serving label space). */
export function intentDrops(p: GatePredictions, idx: readonly number[], t: GateThresholds): { drops: IntentDrop[]; check: GateCheck } {
  const byIntent = new Map<string, number[]>();
  for (const i of idx) byIntent.set(p.expected[i], [...(byIntent.get(p.expected[i]) ?? []), i]);
  const drops: IntentDrop[] = [];
  for (const [intent, own] of byIntent) {
    const serv = hits(p.servingIntent!, own);
    const cand = hits(p.candidateIntent, own);
    if (cand >= serv) continue;
    const drop = (serv - cand) / own.length;
    const lostOnes = own.filter((i) => p.servingIntent![i] && !p.candidateIntent[i]).length;
    const gainedOnes = own.filter((i) => !p.servingIntent![i] && p.candidateIntent[i]).length;
    const significant = signTestP(lostOnes, gainedOnes) < t.maxIntentDropP;
    const blocking = own.length >= t.minIntentSupport && drop > t.maxIntentDrop + EPS && serv - cand >= t.minLostExamples && significant;
    drops.push({ intent, support: own.length, candidate: cand / own.length, serving: serv / own.length, drop, blocking });
  }
  drops.sort((a, b) => b.drop - a.drop || a.intent.localeCompare(b.intent));
  const blocking = drops.filter((d) => d.blocking);
  const detail =
    blocking.length === 0
      ? `no intent fell more than ${pct(t.maxIntentDrop)}`
      : `${blocking.length} intent(s) fell more than ${pct(t.maxIntentDrop)}: ${blocking.slice(0, 5).map((d) => `${d.intent} ${pct(d.serving)} -> ${pct(d.candidate)} (n=${d.support})`).join(', ')}`;
  return { drops, check: { rule: 'intents', passed: blocking.length === 0, detail } };
}

/**
 * Rule 4: the candidate learned from the new reviewed items; on the held-out share of them (the new golden
 * examples) it should agree with the operators about as often as it agrees with labels already trusted. Labels it
 * cannot reproduce contradict the rest of the data: systematic relabelling mistakes.
 */
export function labelCheck(p: GatePredictions, newIdx: readonly number[], goldenIdx: readonly number[], trustedIdx: readonly number[], t: GateThresholds): { labels: LabelAgreement | null; check: GateCheck } {
  if (newIdx.length < t.minLabelExamples) {
    const detail = `${newIdx.length} new golden example(s): too few to check the new labels (needs ${t.minLabelExamples})`;
    return { labels: null, check: { rule: 'labels', passed: true, detail } };
  }
  const useReviewed = goldenIdx.length >= t.minLabelExamples;
  const refIdx = useReviewed ? goldenIdx : trustedIdx;
  const agreement = hits(p.candidate, newIdx) / newIdx.length;
  const reference = hits(p.candidate, refIdx) / Math.max(1, refIdx.length);
  const labels: LabelAgreement = { newExamples: newIdx.length, agreement, reference, referenceSource: useReviewed ? 'reviewed' : 'intents', referenceExamples: refIdx.length, gap: reference - agreement };
  const passed = labels.gap <= t.maxLabelGap + EPS;
  const compared = `the candidate agrees with ${pct(agreement)} of the ${newIdx.length} held-out new reviewed labels vs ${pct(reference)} of the trusted ${useReviewed ? 'earlier reviewed' : 'intents/'} labels`;
  const detail = passed ? compared : `new reviewed labels look wrong: ${compared}, a gap above the allowed ${pct(t.maxLabelGap)}`;
  return { labels, check: { rule: 'labels', passed, detail } };
}
