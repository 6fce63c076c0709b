import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConversations } from '../conversations/load-conversations.ts';
import { formatConversationReport } from '../conversations/format-report.ts';
import { runConversationFiles } from '../conversations/run-conversation-files.ts';
import { cliContext } from './cli-context.ts';
import type { CliIo } from './cli-io.ts';
import { CommandFailed } from './command-failed.ts';

interface Options {
  json?: boolean;
  fast?: boolean;
}

export function registerTestConversationsCommand(program: Command, io: CliIo): void {
  program
    .command('test-conversations')
    .description(
      'Run scripted conversations (test/conversations/*.yaml) through the real bot on a temporary database and check\n' +
        'every turn; exits 1 when a turn fails. Models come from the data dir (trained first if there are none).',
    )
    .argument('[files...]', 'conversation files or folders', ['test/conversations'])
    .option('--fast', 'only the conversations marked fast: true')
    .option('--json', 'print {turns, passed, rate, conversations, conversationsPassed, harmful, byCategory, failures} as JSON')
    .action(async (files: string[], opts: Options) => {
      const { config, logger } = cliContext(io, program.opts());
      const specs = loadConversations(files.map((f) => resolve(f))).filter((s) => !opts.fast || s.fast);
      const tmp = mkdtempSync(join(tmpdir(), 'shopmate-conversations-'));
      try {
        const report = await runConversationFiles({ config, logger, specs, databasePath: join(tmp, 'shopmate.db') });
        io.out(opts.json ? JSON.stringify(report) + '\n' : formatConversationReport(report));
        if (report.passed < report.turns) throw new CommandFailed(1);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    });
}
