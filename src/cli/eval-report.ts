import type { SentimentEvaluation } from '../nlu/sentiment/evaluate-sentiment.ts';

/** Human-readable tables for `shopmate eval` (the --json output carries the same figures). */
export interface IntentReportInput {
  n: number;
  accuracy: number;
  forcedAccuracy?: number;
  macroF1: number;
  oosRecall: number | null;
  perIntent: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  confusions: Array<{ expected: string; predicted: string; count: number }>;
}

export type SentimentReportInput = Pick<SentimentEvaluation, 'n' | 'accuracy' | 'perClass' | 'anger'>;

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '   n/a' : `${(v * 100).toFixed(1).padStart(5)} %`);

export function formatIntentReport(m: IntentReportInput): string {
  const lines = [
    `examples        ${m.n}`,
    `accuracy        ${pct(m.accuracy)}   (in-scope: right intent and not flagged out-of-scope)`,
    ...(m.forcedAccuracy === undefined ? [] : [`forced accuracy ${pct(m.forcedAccuracy)}   (top intent, ignoring the out-of-scope flag)`]),
    `macro-F1        ${pct(m.macroF1)}`,
    `OOS recall      ${pct(m.oosRecall)}`,
    '',
    'intent                              precision   recall       F1  support',
  ];
  const rows = Object.entries(m.perIntent).sort((a, b) => a[1].f1 - b[1].f1 || a[0].localeCompare(b[0]));
  for (const [name, s] of rows) {
    lines.push(`${name.padEnd(34)} ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}  ${String(s.support).padStart(7)}`);
  }
  if (m.confusions.length > 0) {
    lines.push('', 'most confused (expected -> predicted: count)');
    for (const c of m.confusions.slice(0, 10)) lines.push(`  ${c.expected} -> ${c.predicted}: ${c.count}`);
  }
  return lines.join('\n') + '\n';
}

export function formatSentimentReport(m: SentimentReportInput): string {
  const lines = [`examples  ${m.n}`, `accuracy  ${pct(m.accuracy)}`, '', 'class       precision   recall  support'];
  for (const [name, s] of Object.entries(m.perClass)) {
    lines.push(`${name.padEnd(10)}  ${pct(s.precision)}  ${pct(s.recall)}  ${String(s.support).padStart(7)}`);
  }
  if (m.anger) {
    const a = m.anger;
    lines.push('', `anger recall          ${pct(a.recall)}  (${a.support.angry} angry)`, `anger precision       ${pct(a.precision)}`);
    lines.push(`false anger, calm     ${pct(a.falseAngerCalm)}  (${a.support.calm} neutral or positive)`, `false anger, mild     ${pct(a.falseAngerMild)}  (${a.support.mild} negative, not angry)`);
  }
  return lines.join('\n') + '\n';
}
