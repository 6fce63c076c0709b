import type { Command } from 'commander';
import { listModelVersions } from '../learning/list-model-versions.ts';
import { openDurableStore } from '../open-store.ts';
import { cliContext } from './cli-context.ts';
import type { CliIo } from './cli-io.ts';

function accuracyOf(metrics: unknown): string {
  const v = (metrics as { forcedAccuracy?: unknown } | null)?.forcedAccuracy;
  return typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : 'n/a';
}

export function registerModelsCommand(program: Command, io: CliIo): void {
  program
    .command('models')
    .description('List the intent model versions with their metrics, status and gate reason, newest first')
    .option('--json', 'print the versions as one JSON object')
    .action(async (opts: { json?: boolean }) => {
      const { config } = cliContext(io, program.opts());
      // Listing needs only the registry: no encoder, no model loading.
      const store = await openDurableStore(config);
      try {
        const versions = await listModelVersions(store.models);
        if (opts.json) {
          io.out(JSON.stringify({ versions }) + '\n');
          return;
        }
        if (versions.length === 0) io.out('no model versions registered yet (run `shopmate retrain`)\n');
        for (const v of versions) {
          io.out(`${v.status.padEnd(9)} ${v.version}  held-out ${accuracyOf(v.metrics)}  ${v.createdAt.toISOString()}\n`);
          if (v.gateReason) io.out(`          gate: ${v.gateReason}\n`);
        }
      } finally {
        await store.close();
      }
    });
}
