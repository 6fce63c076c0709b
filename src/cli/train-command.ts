import type { Command } from 'commander';
import { pct } from '../learning/gate-checks.ts';
import { trainServingModels } from '../learning/train-serving-models.ts';
import { createEncoder } from '../nlu/create-encoder.ts';
import { openDurableStore } from '../open-store.ts';
import { cliContext } from './cli-context.ts';
import type { CliIo } from './cli-io.ts';

export function registerTrainCommand(program: Command, io: CliIo): void {
  program
    .command('train')
    .description('Train the intent and sentiment models from intents/ and the reviewed items (minus the regression set) and serve them')
    .option('--json', 'print the training summary as one JSON object')
    .action(async (opts: { json?: boolean }) => {
      const { config, logger } = cliContext(io, program.opts());
      // The registry is where the gate, `shopmate models` and rollbacks find the serving version.
      const store = await openDurableStore(config);
      try {
        const encoder = await createEncoder({ config, logger });
        const summary = await trainServingModels({ config, logger, encoder, store, reason: 'shopmate train' });
        if (opts.json) {
          io.out(JSON.stringify(summary) + '\n');
          return;
        }
        for (const m of summary.models) {
          io.out(`${m.kind}: version ${m.version} (${m.examples} examples, ${m.labels} labels, ${m.trainSeconds.toFixed(1)} s)\n`);
          io.out(`  held-out: ${Object.entries(m.heldOut).map(([k, v]) => `${k} ${formatMetric(v)}`).join(', ')}\n`);
          io.out(`  saved to ${m.dir}\n`);
        }
        const r = summary.registered;
        if (r) io.out(`serving intent model ${r.version}: regression accuracy ${pct(r.regressionAccuracy)} on ${r.evaluated} examples it never trained on\n`);
      } finally {
        await store.close();
      }
    });
}

function formatMetric(v: number | null): string {
  return v === null ? 'n/a' : `${(v * 100).toFixed(1)} %`;
}
