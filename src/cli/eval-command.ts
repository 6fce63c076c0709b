import { Option, type Command } from 'commander';
import { ShopmateError } from '../core/errors.ts';
import { createEncoder } from '../nlu/create-encoder.ts';
import { evaluateIntents } from '../nlu/intent/evaluate-intents.ts';
import { readJsonl } from '../nlu/intent/intent-data.ts';
import { OOS_LABEL } from '../nlu/intent/intent-classifier.ts';
import { trainIntentClassifier } from '../nlu/intent/train-intent-classifier.ts';
import { listIntentArtifacts, loadIntentArtifact } from '../nlu/intent/intent-artifact.ts';
import type { TrainedIntentClassifier } from '../nlu/intent/trained-intent-classifier.ts';
import { modelsDir } from '../nlu/model-paths.ts';
import { join } from 'node:path';
import { evaluateShippedSentiment } from '../nlu/evaluate-shipped-sentiment.ts';
import { cliContext } from './cli-context.ts';
import type { CliIo } from './cli-io.ts';
import { formatIntentReport, formatSentimentReport } from './eval-report.ts';

interface EvalOptions {
  task: 'intent' | 'sentiment';
  model?: string;
  train?: string;
  test: string;
  oos?: string;
  json?: boolean;
}

/** The serving model ("current") or a named version, exactly as saved; a missing one is a clear error. */
async function loadSavedIntentModel(dir: string, version: string, encoderId: string): Promise<TrainedIntentClassifier> {
  const versions = listIntentArtifacts(dir);
  if (version === 'current') {
    if (versions.length === 0) throw new ShopmateError('MODEL_NOT_FOUND', `no intent model in ${dir}: run \`shopmate train\` first`);
    return loadIntentArtifact(dir, { expectedEncoderId: encoderId });
  }
  if (!versions.includes(version)) throw new ShopmateError('EVAL_INPUT_INVALID', `no intent model version "${version}" in ${dir} (have: ${versions.join(', ') || 'none'})`);
  return loadIntentArtifact(join(dir, version), { expectedEncoderId: encoderId });
}

export function registerEvalCommand(program: Command, io: CliIo): void {
  program
    .command('eval')
    .description(
      'Evaluate a classifier on labeled JSONL files ({"text","label"} per line).\n' +
        'intent: trains a fresh intent classifier on --train and scores it on --test (+ --oos); label "oos" marks\n' +
        'out-of-scope lines (negatives in --train, counted for OOS recall in --test/--oos). With --model current (or a\n' +
        'version name from `shopmate models`) it scores that saved model as it is, without training.\n' +
        'sentiment: scores the shipped sentiment model on --test (labels negative / neutral / positive).',
    )
    .addOption(new Option('--task <task>', 'what to evaluate').choices(['intent', 'sentiment']).default('intent'))
    .option('--model <version>', 'score a saved intent model as it is: "current" (the serving one) or a version name')
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
      if (opts.model && opts.train) throw new ShopmateError('EVAL_INPUT_INVALID', 'eval takes --model (a saved model) or --train (train a fresh one), not both');
      if (!opts.model && !opts.train) throw new ShopmateError('EVAL_INPUT_INVALID', 'eval --task intent needs --train <file> or --model current');
      // Files are read in the order they are given (--train, --test, --oos), before the slow encoder loads.
      const train = opts.train ? readJsonl(opts.train) : undefined;
      const test = readJsonl(opts.test);
      if (opts.oos) test.push(...readJsonl(opts.oos).map((r) => ({ text: r.text, label: OOS_LABEL })));
      const encoder = await createEncoder({ config, logger });
      const classifier = opts.model
        ? await loadSavedIntentModel(modelsDir(config, 'intent'), opts.model, encoder.modelId)
        : await trainIntentClassifier({ examples: train!, encoder, seed: config.intent.seed, logger });
      const model = config.intent.oosThreshold === null ? classifier : classifier.withThreshold(config.intent.oosThreshold);
      const metrics = await evaluateIntents({ classifier: model, encoder, test });
      io.out(opts.json ? JSON.stringify(metrics) + '\n' : formatIntentReport(metrics));
    });
}
