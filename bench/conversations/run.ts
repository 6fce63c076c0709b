/**
 * Conversation benchmark: every conversation test (test/conversations/*.yaml) through the real bot, the serving models
 * of the data dir (trained first if there are none), the demo shop and a temporary database.
 *   node bin/run-ts.mjs bench/conversations/run.ts [--json] [--failures] [--data-dir <dir>] [files...]
 * Prints turns, pass rate, harmful turns and a table by category (and every failing turn with --failures).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { formatConversationReport } from '../../src/conversations/format-report.ts';
import { loadConversations } from '../../src/conversations/load-conversations.ts';
import { runConversationFiles } from '../../src/conversations/run-conversation-files.ts';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const failures = args.includes('--failures');
  const dataDirAt = args.indexOf('--data-dir');
  const dataDir = dataDirAt >= 0 ? args[dataDirAt + 1] : undefined;
  const files = args.filter((a, i) => !a.startsWith('--') && (dataDirAt < 0 || i !== dataDirAt + 1));
  const specs = loadConversations((files.length > 0 ? files : ['test/conversations']).map((f) => resolve(f)));
  const config = loadConfig({ env: { ...process.env, SHOPMATE_LOG_LEVEL: 'silent' }, overrides: { dataDir } });
  const tmp = mkdtempSync(join(tmpdir(), 'shopmate-bench-conversations-'));
  try {
    const started = Date.now();
    const report = await runConversationFiles({ config, logger: silentLogger, specs, databasePath: join(tmp, 'shopmate.db') });
    const seconds = (Date.now() - started) / 1000;
    if (json) {
      console.log(JSON.stringify({ ...report, failures: failures ? report.failures : report.failures.length, seconds }));
      return;
    }
    const table = formatConversationReport({ ...report, failures: failures ? report.failures : [] });
    console.log(table.trimEnd());
    console.log(`${report.turns} turns, ${(report.rate * 100).toFixed(1)} % passed, ${report.harmful} harmful; ${seconds.toFixed(1)} s (${((seconds * 1000) / Math.max(1, report.turns)).toFixed(0)} ms per turn incl. start-up)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
