import type { Command } from 'commander';
import { serve } from '../serve.ts';
import { cliContext } from './cli-context.ts';
import type { CliIo } from './cli-io.ts';

export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('Run the bot: trains the models on first start, then serves the web chat (PORT) and Discord (DISCORD_TOKEN)')
    .action(async () => {
      const { config, logger } = cliContext(io, program.opts());
      await serve({ config, logger });
    });
}
