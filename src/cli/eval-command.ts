import { Option, type Command } from 'commander';
import { ShopmateError } from '../core/errors.ts';
import { createEncoder } from '../nlu/create-encoder.ts';
import { evaluateIntents } from '../nlu/intent/evaluate-intents.ts';
import { readJsonl } from '../nlu/intent/intent-data.ts';
import { OOS_LABEL } from '../nlu/intent/intent-classifier.ts';
import { trainIntentClassifier } from '../nlu/intent/train-intent-classifier.ts';
import { evaluateShippedSentiment } from '../nlu/evaluate-shipped-sentiment.ts';
import { cliContext } from './cli-context.ts';
import type { CliIo } from './cli-io.ts';
import { formatIntentReport, formatSentimentReport } from './eval-report.ts';

interface EvalOptions {
  task: 'intent' | 'sentiment';
  train?: string;
  test: string;
  oos?: string;
  json?: boolean;
}

export function registerEvalCommand(program: Command, io: CliIo): void {
  program
    .command('eval')
    .description(
      'Evaluate a classifier on labeled JSONL files ({"text","label"} per line).\n' +
        'intent: trains a fresh intent classifier on --train and scores it on --test (+ --oos); label "oos" marks\n' +
        'out-of-scope lines (negatives in --train, counted for OOS recall in --test/--oos).\n' +
        'sentiment: scores the shipped sentiment model on --test (labels negative / neutral / positive).',
    )
    .addOption(new Option('--task <task>', 'what to evaluate').choices(['intent', 'sentiment']).default('intent'))
    .option('--train <file>', 'training JSONL (intent task)')
    .requiredOption('--test <file>', 'test JSONL')
    .option('--oos <file>', 'extra out-of-scope JSONL counted towards OOS recall (intent task)')
    .option('--json', 'print the metrics as one JSON object')
    .action(async (opts: EvalOptions) => {
      const { config, logger } = cliContext(io, program.opts());
      if (opts.task === 'sentiment') {
        const report = await evaluateShippedSentiment({ config, logger, testFile: opts.test });
        io.out(opts.json ? JSON.stringify(report) + '\n' : formatSentimentReport(report));
        return;
      }
      if (!opts.train) throw new ShopmateError('EVAL_INPUT_INVALID', 'eval --task intent needs --train <file>');
      const train = readJsonl(opts.train);
      const test = readJsonl(opts.test);
      if (opts.oos) test.push(...readJsonl(opts.oos).map((r) => ({ text: r.text, label: OOS_LABEL })));
      const encoder = await createEncoder({ config, logger });
      const classifier = await trainIntentClassifier({ examples: train, encoder, seed: config.intent.seed, logger });
      const model = config.intent.oosThreshold === null ? classifier : classifier.withThreshold(config.intent.oosThreshold);
      const metrics = await evaluateIntents({ classifier: model, encoder, test });
      io.out(opts.json ? JSON.stringify(metrics) + '\n' : formatIntentReport(metrics));
    });
}
