import type { Command } from 'commander';
import { trainNluModels } from '../nlu/train-nlu-models.ts';
import { cliContext } from './cli-context.ts';
import type { CliIo } from './cli-io.ts';

export function registerTrainCommand(program: Command, io: CliIo): void {
  program
    .command('train')
    .description('Train the intent and sentiment models from intents/ and save them as new versioned artifacts')
    .option('--json', 'print the training summary as one JSON object')
    .action(async (opts: { json?: boolean }) => {
      const { config, logger } = cliContext(io, program.opts());
      const summary = await trainNluModels({ config, logger });
      if (opts.json) {
        io.out(JSON.stringify(summary) + '\n');
        return;
      }
      for (const m of summary.models) {
        io.out(`${m.kind}: version ${m.version} (${m.examples} examples, ${m.labels} labels, ${m.trainSeconds.toFixed(1)} s)\n`);
        io.out(`  held-out: ${Object.entries(m.heldOut).map(([k, v]) => `${k} ${formatMetric(v)}`).join(', ')}\n`);
        io.out(`  saved to ${m.dir}\n`);
      }
    });
}

function formatMetric(v: number | null): string {
  return v === null ? 'n/a' : `${(v * 100).toFixed(1)} %`;
}
