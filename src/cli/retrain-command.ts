import type { Command } from 'commander';
import { openLearningSession } from '../learning/open-learning-session.ts';
import { cliContext } from './cli-context.ts';
import type { CliIo } from './cli-io.ts';

export function registerRetrainCommand(program: Command, io: CliIo): void {
  program
    .command('retrain')
    .description('Run the learning loop once: intents/ + reviewed items -> candidate -> regression gate -> promote or refuse')
    .option('--json', 'print the retrain report as one JSON object')
    .action(async (opts: { json?: boolean }) => {
      const { config, logger } = cliContext(io, program.opts());
      const session = await openLearningSession({ config, logger });
      try {
        const report = await session.loop.runOnce({ reason: 'shopmate retrain' });
        // The sentiment head learns from operators' sentiment corrections, through its own held-out gate.
        const sentiment = await session.sentiment.runOnce();
        if (opts.json) {
          io.out(JSON.stringify({ ...report, sentiment }) + '\n');
          return;
        }
        const d = report.data;
        io.out(`candidate ${report.version}: ${report.examples} examples (${d.baseExamples} from intents/, ${d.reviewedExamples} reviewed, ${report.newReviewedExamples} new), ${d.intents} labels, trained in ${report.trainSeconds.toFixed(1)} s\n`);
        io.out(`gate: ${report.gate.reason}\n`);
        io.out(report.promoted ? `promoted: ${report.version} now serves\n` : `REFUSED: ${report.version} is not promoted; ${report.servingVersion ?? 'no model'} keeps serving\n`);
        if (report.faqsApplied > 0) io.out(`FAQ entries applied: ${report.faqsApplied}\n`);
        if (!sentiment.trained) io.out(`sentiment: ${sentiment.reason} (${sentiment.corrections} corrections)\n`);
        else io.out(`sentiment candidate ${sentiment.version}: ${sentiment.reason}${sentiment.promoted ? '; promoted (serves after the next restart of a running server)' : `; REFUSED, ${sentiment.servingVersion ?? 'no model'} keeps serving`}\n`);
      } finally {
        await session.close();
      }
    });
}
