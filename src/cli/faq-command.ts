import type { Command } from 'commander';
import { FaqCatalog } from '../knowledge/faq-catalog.ts';
import { openStore } from '../open-store.ts';
import { cliContext } from './cli-context.ts';
import type { CliIo } from './cli-io.ts';

/** `shopmate faq add|list`: the same store and revision log the dashboard's FAQ decisions write to. */
export function registerFaqCommands(program: Command, io: CliIo): void {
  const faq = program.command('faq').description('List or add FAQ entries (shop files plus every revision in the store)');
  const withCatalog = async <T>(fn: (catalog: FaqCatalog) => Promise<T>): Promise<T> => {
    const { config } = cliContext(io, program.opts());
    const store = await openStore(config);
    try {
      return await fn(new FaqCatalog({ store, knowledgeDir: config.knowledgeDir }));
    } finally {
      await store.close();
    }
  };
  faq
    .command('add')
    .description('Add an FAQ entry; running servers answer it within seconds, new ones from the start')
    .requiredOption('--question <question>', 'the question as a customer would ask it')
    .requiredOption('--answer <answer>', 'the answer the bot gives')
    .option('--json', 'print {id, question, answer, revision} as JSON')
    .action(async (opts: { question: string; answer: string; json?: boolean }) => {
      const added = await withCatalog((c) => c.add({ question: opts.question, answer: opts.answer, author: `cli:${io.env.USER ?? 'operator'}` }));
      const out = { id: added.entry.id, question: added.entry.questions[0], answer: added.entry.answer, revision: added.revision };
      io.out(opts.json ? JSON.stringify(out) + '\n' : `added ${out.id} (revision ${out.revision}): ${out.question}\n`);
    });
  faq
    .command('list')
    .description('List every FAQ entry with where it comes from')
    .option('--json', 'print {entries: [{id, questions, answer, tags, source}]} as JSON')
    .action(async (opts: { json?: boolean }) => {
      const entries = await withCatalog((c) => c.list());
      if (opts.json) {
        io.out(JSON.stringify({ entries }) + '\n');
        return;
      }
      for (const e of entries) io.out(`${e.id}  [${e.source}]\n  Q: ${e.questions[0]}\n  A: ${e.answer.replace(/\s+/g, ' ').slice(0, 160)}\n`);
    });
}
