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
      const running = await serve({ config, logger });
      io.out(`shopmate is running: open http://localhost:${running.http.port}/ to chat with the demo shop (Ctrl+C stops)\n`);
      // Serve until a signal arrives, then close the server, channels and database cleanly.
      await new Promise<void>((resolve) => {
        const shutdown = () => void running.stop().finally(resolve);
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
      });
    });
}
