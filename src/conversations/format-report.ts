import type { ConversationReport } from './run-conversations.ts';

const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

/** The human-readable report of `shopmate test-conversations`: failures first, then the table by category. */
export function formatConversationReport(report: ConversationReport, options: { maxFailures?: number } = {}): string {
  const lines: string[] = [];
  const shown = report.failures.slice(0, options.maxFailures ?? Infinity);
  for (const f of shown) {
    lines.push(`${f.harmful ? 'HARMFUL' : 'FAIL'}  ${f.file} · ${f.conversation} · turn ${f.turn + 1}`);
    lines.push(`  customer: ${f.say}`);
    lines.push(`  bot:      ${f.reply.replace(/\s+/g, ' ').slice(0, 300) || '(nothing)'}`);
    for (const p of f.problems) lines.push(`  - ${p}`);
  }
  if (shown.length < report.failures.length) lines.push(`... and ${report.failures.length - shown.length} more failing turns`);
  if (lines.length > 0) lines.push('');
  const rows = Object.entries(report.byCategory).sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(8, ...rows.map(([c]) => c.length));
  lines.push(`${'category'.padEnd(width)}  conversations  turns  passed  rate     harmful`);
  for (const [c, r] of rows) {
    lines.push(`${c.padEnd(width)}  ${String(r.conversations).padStart(13)}  ${String(r.turns).padStart(5)}  ${String(r.passed).padStart(6)}  ${pct(r.turns ? r.passed / r.turns : 0).padStart(7)}  ${String(r.harmful).padStart(7)}`);
  }
  lines.push(`${'all'.padEnd(width)}  ${String(report.conversations).padStart(13)}  ${String(report.turns).padStart(5)}  ${String(report.passed).padStart(6)}  ${pct(report.rate).padStart(7)}  ${String(report.harmful).padStart(7)}`);
  lines.push(`${report.conversationsPassed} of ${report.conversations} conversations passed every turn.`);
  return lines.join('\n') + '\n';
}
