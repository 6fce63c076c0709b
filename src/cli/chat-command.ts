import type { Command } from 'commander';
import { ChannelRegistry } from '../channels/channel-registry.ts';
import { TerminalChannel } from '../channels/terminal/terminal-channel.ts';
import { buildApp } from '../main.ts';
import { openStore } from '../open-store.ts';
import { cliContext } from './cli-context.ts';
import type { CliIo } from './cli-io.ts';
import { turnSummary } from './turn-summary.ts';

interface ChatOptions {
  json?: boolean;
  showNlu?: boolean;
  user: string;
  conversation?: string;
}

export function registerChatCommand(program: Command, io: CliIo): void {
  program
    .command('chat')
    .description('Chat with the bot in the terminal (the same pipeline and logging as every other channel)')
    .option('--json', 'one customer line in, one JSON object out per turn (replies, intent ranking, out-of-scope, sentiment, entities, state)')
    .option('--show-nlu', 'print intent, score and sentiment under each answer')
    .option('--user <id>', 'customer id', 'terminal-user')
    .option('--conversation <id>', 'conversation id (default: a new one)')
    .action(async (opts: ChatOptions) => {
      const { config, logger } = cliContext(io, program.opts());
      const app = await buildApp({ config, logger, store: await openStore(config) });
      const annotations = new Map<string, Record<string, unknown>>();
      const channel = new TerminalChannel({
        io,
        userId: opts.user,
        conversationId: opts.conversation ?? `terminal-${Date.now().toString(36)}`,
        format: opts.json ? 'json' : 'text',
        showAnnotations: Boolean(opts.showNlu),
        prompt: io.interactive ? 'you> ' : '',
        annotate: (id) => {
          const a = annotations.get(id);
          annotations.delete(id);
          return a;
        },
      });
      if (!opts.json) io.out(`Chatting with the ${app.profile.name} assistant. Type /quit to leave; type a number to pick a suggestion.\n`);
      // Through the registry like every channel: only messages stamped with the terminal's own id get in.
      await new ChannelRegistry().register(channel).start(async (message, signals) => {
        const turn = await app.bot.handleTurn(message, signals);
        annotations.set(message.messageId, turnSummary(turn, { verbose: Boolean(opts.json) }));
        return turn.replies;
      });
    });
}
