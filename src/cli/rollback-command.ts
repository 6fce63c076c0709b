import type { Command } from 'commander';
import { openLearningSession } from '../learning/open-learning-session.ts';
import { cliContext } from './cli-context.ts';
import type { CliIo } from './cli-io.ts';

export function registerRollbackCommand(program: Command, io: CliIo): void {
  program
    .command('rollback')
    .description('Make an earlier intent model version serve again (registry + current.json); see `shopmate models`')
    .argument('<version>', 'the version to serve, e.g. intent-20261128T205501Z-ab12cd')
    .option('--json', 'print the result as one JSON object')
    .action(async (version: string, opts: { json?: boolean }) => {
      const { config, logger } = cliContext(io, program.opts());
      const session = await openLearningSession({ config, logger });
      try {
        const result = await session.loop.rollback(version);
        io.out(opts.json ? JSON.stringify(result) + '\n' : `serving ${result.version} (was ${result.previous ?? 'none'})\n`);
      } finally {
        await session.close();
      }
    });
}
