import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { openStore } from '../open-store.ts';
import { cliContext } from './cli-context.ts';
import type { CliIo } from './cli-io.ts';

/** Privacy requests from the command line: export or erase everything stored about one customer; retention purge. */
export function registerCustomerCommands(program: Command, io: CliIo): void {
  const customer = program.command('customer').description('Export or delete all data of one customer (privacy requests)');
  customer
    .command('export')
    .description('Write everything stored about a customer as JSON (stdout, or --out <file>)')
    .argument('<userId>', 'the customer id used by the channel (e.g. web:abc123, discord:1234)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (userId: string, opts: { out?: string }) => {
      const { config } = cliContext(io, program.opts());
      const store = await openStore(config);
      try {
        const data = JSON.stringify(await store.privacy.exportCustomer(userId), null, 2) + '\n';
        if (opts.out) writeFileSync(opts.out, data);
        else io.out(data);
      } finally {
        await store.close();
      }
    });
  customer
    .command('delete')
    .description('Delete all conversations, turns, feedback, review items and events of a customer')
    .argument('<userId>', 'the customer id')
    .requiredOption('--yes', 'confirm the deletion (it cannot be undone)')
    .action(async (userId: string) => {
      const { config } = cliContext(io, program.opts());
      const store = await openStore(config);
      try {
        io.out(JSON.stringify({ userId, deleted: await store.privacy.deleteCustomer(userId) }) + '\n');
      } finally {
        await store.close();
      }
    });
  program
    .command('purge')
    .description('Delete turns, idle conversations and events older than the retention period (SHOPMATE_RETENTION_DAYS); serve also does this daily')
    .action(async () => {
      const { config } = cliContext(io, program.opts());
      const store = await openStore(config);
      try {
        const cutoff = new Date(Date.now() - config.privacy.retentionDays * 86_400_000);
        const purged = await store.privacy.purgeOlderThan(cutoff);
        io.out(JSON.stringify({ cutoff: cutoff.toISOString(), purgedTurns: purged.turns, purgedConversations: purged.conversations, purgedEvents: purged.events }) + '\n');
      } finally {
        await store.close();
      }
    });
}
